"""Test set-up shared by the whole suite.

Tests run with production-safe settings (DEBUG off), from
fourthp/settings_test.py.
"""

import pytest
from hypothesis import settings as hypothesis_settings

# Tests never time anything: no deadline for hypothesis examples.
hypothesis_settings.register_profile("fourthp", deadline=None, max_examples=100)
hypothesis_settings.load_profile("fourthp")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    """Load the shipped seed data once into the test database, as `make run` does."""
    from django.core.management import call_command

    with django_db_blocker.unblock():
        call_command("load_seed", verbosity=0)


@pytest.fixture
def seeded(db):  # type: ignore[no-untyped-def]
    """The seed data, reloaded if a transactional test flushed it (loading is idempotent)."""
    from django.core.management import call_command

    from fourthp.jurisdictions.models import Jurisdiction

    if not Jurisdiction.objects.filter(code="US-DC").exists():
        call_command("load_seed", verbosity=0)
