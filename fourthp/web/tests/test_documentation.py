"""Settings and API routes are documented: a new one without docs fails here."""

from __future__ import annotations

import re
from pathlib import Path

from django.test import Client

ROOT = Path(__file__).resolve().parents[3]


def test_every_environment_setting_is_documented_in_operations() -> None:
    settings_source = (ROOT / "fourthp" / "settings.py").read_text()
    names = set(re.findall(r'env_(?:str|bool|int|list)\("([A-Z_]+)"', settings_source))
    assert "DATABASE_URL" in settings_source
    documented = (ROOT / "docs" / "operations.md").read_text()
    assert len(names) > 10
    missing = sorted(name for name in names | {"DATABASE_URL"} if f"`{name}`" not in documented)
    assert missing == [], f"undocumented settings: {missing}"


def test_every_api_route_is_documented() -> None:
    schema = Client().get("/api/v1/openapi.json").json()
    documented = (ROOT / "docs" / "api.md").read_text()
    missing = [
        f"{method.upper()} {path}"
        for path, operations in schema["paths"].items()
        for method in operations
        if f"`{method.upper()} {path}" not in documented
    ]
    assert missing == [], f"undocumented API routes: {missing}"
