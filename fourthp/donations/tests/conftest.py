import pytest


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):  # type: ignore[no-untyped-def]
    """The matrix makes many accounts; a deliberately slow password hash only slows the tests down."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def sending(django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    """A block whose e-mails are sent at its end, as they are once a request's write commits."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
