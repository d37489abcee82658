"""Time zones by IANA name, falling back to UTC for a name this machine does not know."""

from __future__ import annotations

import zoneinfo


def zone_named(name: str | None) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(name or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")
