"""Settings for the test suite: the real settings, with a few test defaults.

Only values a developer's shell would not set are filled in; DATABASE_URL and
the rest still come from the environment, so the same suite runs on SQLite
and on PostgreSQL.
"""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-not-for-production")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
# Background tasks run in-process during tests so that their effects can be checked.
os.environ.setdefault("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
# A loaded test machine can take seconds to start the child process that reads a PDF: a test of the
# time limit sets its own small one, every other test reads with room to spare.
os.environ.setdefault("PDF_READ_SECONDS", "60")
# Files the tests write go to a folder of the test run's own, one per parallel test process (pytest-xdist names
# them gw0, gw1, …), so two processes never write the same file and no test writes where `make run` keeps its files.
os.environ.setdefault(
    "MEDIA_ROOT",
    os.path.join(
        os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
        "var",
        "test-media",
        os.environ.get("PYTEST_XDIST_WORKER", "main"),
    ),
)

from fourthp.settings import *  # noqa: F403

# The suite does not run collectstatic: serve static files from the app folders.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
