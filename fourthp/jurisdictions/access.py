"""Who may do what in jurisdictions."""

from __future__ import annotations

from typing import Any

from fourthp.accounts.access import require_role
from fourthp.accounts.roles import Role


def access_jurisdiction_for_analyst(user: Any, jurisdiction: Any) -> Any:
    require_role(user, Role.ANALYST, Role.SECRETARIAT)
    return jurisdiction
