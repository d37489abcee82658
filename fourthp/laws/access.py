"""Who may do what in laws."""

from __future__ import annotations

from typing import Any

from fourthp.accounts.access import require_role
from fourthp.accounts.roles import Role


def access_import_for_analyst(user: Any) -> None:
    """Loading statutes is the analysts' work; the secretariat may do it too."""
    require_role(user, Role.ANALYST, Role.SECRETARIAT)


def access_instrument_for_analyst(user: Any, instrument: Any) -> Any:
    require_role(user, Role.ANALYST, Role.SECRETARIAT)
    return instrument
