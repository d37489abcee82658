"""Test set-up shared by the whole suite.

Tests run with production-safe settings (DEBUG off), from
fourthp/settings_test.py.
"""

import os

import pytest
from hypothesis import settings as hypothesis_settings

# Tests never time anything: no deadline for hypothesis examples.
hypothesis_settings.register_profile("fourthp", deadline=None, max_examples=100)
hypothesis_settings.load_profile("fourthp")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    """Load the shipped seed data once into the test database, as `make run` does, and keep a copy of it
    that is put back after each transactional test (fourthp/testing_snapshot.py)."""
    from django.core.management import call_command

    from fourthp import testing_snapshot

    with django_db_blocker.unblock():
        call_command("load_seed", verbosity=0)
        snapshot = testing_snapshot.take()
    if snapshot is not None:
        testing_snapshot.restore_after_transactional_tests(snapshot)


@pytest.fixture(autouse=True)
def _fresh_cache():  # type: ignore[no-untyped-def]
    """Each test starts with an empty cache (rate-limit counts never carry from one test to the next) and in the
    default language (a language a test turned on in its thread never carries to the next)."""
    from django.core.cache import cache
    from django.utils import translation

    cache.clear()
    translation.deactivate()
    yield


@pytest.fixture(autouse=True)
def _rate_windows_stand_still(monkeypatch):  # type: ignore[no-untyped-def]
    """django-ratelimit counts in fixed windows that start anew on the clock (each minute, for "2/m").

    A test's few requests must all fall in one window, or a count that should refuse the third request
    starts again from nought when the second crosses a minute. Its clock stands still for the test.
    """
    import time
    from types import SimpleNamespace

    import django_ratelimit.core

    now = time.time()
    monkeypatch.setattr(django_ratelimit.core, "time", SimpleNamespace(time=lambda: now))


@pytest.fixture
def seeded(db):  # type: ignore[no-untyped-def]
    """The seed data, as `make run` loads it."""
    from fourthp.testing import ensure_seed

    ensure_seed()


PDF_SKIP_REASON = (
    "PDF tests skipped: WeasyPrint cannot load the Pango libraries "
    "(apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0); "
    "set FOURTHP_REQUIRE_BROWSER=1 to make this a failure"
)


@pytest.fixture
def pdf_engine() -> None:
    """Skip, saying why, where WeasyPrint's system libraries are missing (CI requires them)."""
    import os

    try:
        import weasyprint  # noqa: F401
    except OSError as exc:
        if os.environ.get("FOURTHP_REQUIRE_BROWSER", "") == "1":
            pytest.fail(f"{PDF_SKIP_REASON}: {exc}", pytrace=False)
        pytest.skip(PDF_SKIP_REASON)


REDIS_TEST_URL_DEFAULT = "redis://127.0.0.1:6379/15"
REDIS_SKIP_REASON = (
    "Redis tests skipped: no Redis answers at REDIS_TEST_URL (default " + REDIS_TEST_URL_DEFAULT + "); "
    "set FOURTHP_REQUIRE_BROWSER=1 to make this a failure"
)


@pytest.fixture
def redis_cache(settings):  # type: ignore[no-untyped-def]
    """The production cache, django-redis on a real Redis, under a key prefix of this test's own, removed after.
    Skips, saying why, where no Redis answers (CI requires one)."""
    import os
    import uuid

    import redis
    from django.core.cache import cache

    url = os.environ.get("REDIS_TEST_URL", REDIS_TEST_URL_DEFAULT)
    try:
        redis.Redis.from_url(url).ping()
    except redis.exceptions.ConnectionError as exc:
        if os.environ.get("FOURTHP_REQUIRE_BROWSER", "") == "1":
            pytest.fail(f"{REDIS_SKIP_REASON}: {exc}", pytrace=False)
        pytest.skip(REDIS_SKIP_REASON)
    prefix = f"fourthp-test-{uuid.uuid4().hex}"
    settings.CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": url, "KEY_PREFIX": prefix}}
    yield redis.Redis.from_url(url), prefix
    cache.delete_pattern("*")


def _missing_shared(items):  # type: ignore[no-untyped-def]
    """The files of ../shared that the selected tests need (`@pytest.mark.needs_shared(path, …)`) and lack."""
    from fourthp.testing import SHARED_DIR

    missing: dict[str, list[str]] = {}
    for item in items:
        for marker in item.iter_markers("needs_shared"):
            for relative in marker.args:
                if not (SHARED_DIR / relative).exists():
                    missing.setdefault(relative, []).append(item.nodeid)
    return SHARED_DIR, missing


def _shared_message(shared_dir, missing) -> str:  # type: ignore[no-untyped-def]
    tests = sorted({nodeid for nodeids in missing.values() for nodeid in nodeids})
    return (
        f"{len(tests)} selected test(s) need the shared corpus, and {shared_dir} lacks "
        + ", ".join(sorted(missing))
        + f". Put the project's shared directory at {shared_dir} (beside the checkout, as ../shared), or point "
        "FOURTHP_SHARED_DIR at it; or leave these tests out with -m 'not needs_shared'."
    )


def pytest_configure(config):  # type: ignore[no-untyped-def]
    config.addinivalue_line(
        "markers", "needs_shared(*paths): reads these files of ../shared (the shared corpus beside the project)"
    )


@pytest.hookimpl(trylast=True)  # after -m and -k have deselected what will not run
def pytest_collection_modifyitems(session, config, items):  # type: ignore[no-untyped-def]
    """Without ../shared, stop once saying what is missing (outside CI); in CI, each test that needs it fails."""
    shared_dir, missing = _missing_shared(items)
    if not missing:
        return
    message = _shared_message(shared_dir, missing)
    if os.environ.get("CI"):
        config._fourthp_shared_message = message
        return
    pytest.exit(message, returncode=pytest.ExitCode.USAGE_ERROR)


def pytest_runtest_setup(item):  # type: ignore[no-untyped-def]
    """In CI a missing ../shared is a failure of each test that needs it, never a skip."""
    message = getattr(item.config, "_fourthp_shared_message", "")
    if message and _missing_shared([item])[1]:
        pytest.fail(message, pytrace=False)


def pytest_terminal_summary(terminalreporter, exitstatus, config):  # type: ignore[no-untyped-def]
    message = getattr(config, "_fourthp_shared_message", "")
    if message:
        terminalreporter.write_sep("=", "the shared corpus is missing", red=True, bold=True)
        terminalreporter.write_line(message)
    for what, reason in (("PDF", PDF_SKIP_REASON), ("Redis", REDIS_SKIP_REASON)):
        marker = reason.split(":")[0]
        skipped = [r for r in terminalreporter.stats.get("skipped", []) if marker in str(r.longrepr)]
        if skipped:
            terminalreporter.write_sep("=", f"{what} tests were NOT run", yellow=True, bold=True)
            terminalreporter.write_line(f"{len(skipped)} test(s) skipped: {reason}.")
