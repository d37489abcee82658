"""Who may do what with instruments: each rule once, as a predicate; the access_* helpers build on them.

Instruments and sections are public. Loading statutes and editing an instrument's details is the analysts'
work (the secretariat may do it too). The upload pages are gated by role, so the role is checked before an
upload is looked up; the edit page looks up the (public) instrument first.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from fourthp.accounts.access import Viewer, has_role
from fourthp.accounts.roles import Role
from fourthp.laws.models import Instrument, InstrumentImport
from fourthp.laws.queries import find_instrument_to_edit, find_staged_import


def can_import_instruments(user: Viewer) -> bool:
    """Loading statutes is the analysts' work; the secretariat may do it too."""
    return has_role(user, Role.ANALYST, Role.SECRETARIAT)


def can_edit_instrument(user: Viewer, instrument: Instrument) -> bool:
    """An instrument's details (title, status, dates, source) are kept by analysts and the secretariat."""
    return has_role(user, Role.ANALYST, Role.SECRETARIAT)


def access_import_for_analyst(user: Viewer) -> None:
    if not can_import_instruments(user):
        raise PermissionDenied


def access_staged_import_for_analyst(
    user: Viewer, import_id: int, *, state: InstrumentImport.State | None = None
) -> InstrumentImport:
    """An upload any analyst may preview, confirm or discard (in `state` when given); the role first, then the row."""
    access_import_for_analyst(user)
    return find_staged_import(import_id, state=state)


def access_instrument_edit_for_analyst(user: Viewer, key: str) -> Instrument:
    """The instrument with this key (NotFound otherwise), or PermissionDenied for the wrong role."""
    instrument = find_instrument_to_edit(key)
    if not can_edit_instrument(user, instrument):
        raise PermissionDenied
    return instrument
