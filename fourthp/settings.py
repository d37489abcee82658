"""Settings for Fourth P.

Every value comes from an environment variable with a safe default: with no
environment at all the app runs on a SQLite file in the project folder, keeps
its cache in memory and writes email to the console, and `DEBUG` stays off.
Production settings are described in docs/operations.md.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from fourthp.lib.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = BASE_DIR / "data"

DEBUG = env_bool("DEBUG", False)

# A random key is generated for development only; production must set one.
SECRET_KEY = env_str("SECRET_KEY") or ("insecure-development-key-set-SECRET_KEY-in-production" if DEBUG else "")
if not SECRET_KEY:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "fourthp.accounts.apps.SecretariatAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "csp",
    "django.contrib.sites",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_htmx",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    "fourthp.accounts",
    "fourthp.notifications",
    "fourthp.jurisdictions",
    "fourthp.frameworks",
    "fourthp.laws",
    "fourthp.findings",
    "fourthp.assessments",
    "fourthp.analysis",
    "fourthp.members",
    "fourthp.peers",
    "fourthp.groups.apps.GroupsConfig",
    "fourthp.events",
    "fourthp.circles.apps.CirclesConfig",
    "fourthp.campaigns",
    "fourthp.bills.apps.BillsConfig",
    "fourthp.mailing",
    "fourthp.donations",
    "fourthp.statistics.apps.StatisticsConfig",
    "fourthp.indicators.apps.IndicatorsConfig",
    "fourthp.organisations.apps.OrganisationsConfig",
    "fourthp.briefs.apps.BriefsConfig",
    "fourthp.drafting.apps.DraftingConfig",
    "fourthp.supplychains.apps.SupplychainsConfig",
    "fourthp.web",
    "fourthp.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "fourthp.api.middleware.RequestSizeLimitMiddleware",
    "fourthp.api.middleware.RateLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "fourthp.web.middleware.RefuseNulMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "fourthp.accounts.middleware.UserTimeZoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "fourthp.accounts.middleware.TwoFactorRequiredMiddleware",
    "fourthp.core.errors.NotFoundMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "fourthp.urls"
WSGI_APPLICATION = "fourthp.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "fourthp.web.context_processors.site",
            ],
        },
    }
]

# --- Database -----------------------------------------------------------------
# DATABASE_URL absent: a SQLite file in the project folder, in WAL mode with a
# busy timeout so that the web server and the task worker can share it.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": ("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;"),
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "fourthp",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Background tasks -------------------------------------------------------------
TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# --- Accounts ---------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
SITE_ID = 1
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_ADAPTER = "fourthp.accounts.adapter.AccountAdapter"
# "I am a student" at sign-up: the student role is self-declared (accounts.actions.do_declare_student).
ACCOUNT_SIGNUP_FORM_CLASS = "fourthp.accounts.forms.SignupExtraForm"
# Behind a reverse proxy, the client's address is read from X-Forwarded-For, trusting this
# many proxies; it keys the sign-in and application rate limits.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
# Failed sign-ins: the "key" is the pair (account, client address) (see accounts/adapter.py), so a
# guesser elsewhere never locks the owner out, and it is counted first, so that one person's
# mistakes behind a shared address (an office, a parliament's NAT) stop at her own pair and never
# use up the address's allowance. The address's own cap is generous: it stops one machine trying
# many accounts, not a building full of people signing in.
LOGIN_FAILURES_PER_ACCOUNT = env_str("LOGIN_FAILURES_PER_ACCOUNT", "5/5m")
LOGIN_FAILURES_PER_ADDRESS = env_str("LOGIN_FAILURES_PER_ADDRESS", "60/5m")
ACCOUNT_RATE_LIMITS = {
    "login_failed": ",".join(
        f"{rate}/{per}"
        for rate, per in ((LOGIN_FAILURES_PER_ACCOUNT, "key"), (LOGIN_FAILURES_PER_ADDRESS, "ip"))
        if rate.strip()
    ),
    # Every sign-in, right or wrong, from one address: allauth's default (30 a minute) would turn
    # away a busy office at nine o'clock; the failures above are what stop guessing.
    "login": "300/m/ip",
    "signup": "20/m/ip",
}
# Two-factor sign-in (allauth MFA): an authenticator app (TOTP) with recovery codes, offered to
# every account and required of reviewers and the secretariat (accounts/middleware.py).
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env_str("MFA_TOTP_ISSUER", "Fourth P")
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "my-home"
LOGOUT_REDIRECT_URL = "home"

# --- Email ------------------------------------------------------------------------
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(BASE_DIR / "var" / "mail"))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Fourth P <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The address of the site as members reach it: links in e-mails, calendar files and PDFs start
# with it (`make run` sets it from PORT). SITE_NAME names the site in account e-mails.
SITE_URL = env_str("SITE_URL", "http://localhost:8000").rstrip("/")
SITE_NAME = env_str("SITE_NAME", "Fourth P")

# --- Internationalisation -----------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("es", _("Spanish")),
    ("fr", _("French")),
    ("ro", _("Romanian")),
    ("uk", _("Ukrainian")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates and numbers follow each language's own formats (Django's locale data); fourthp/lib/formats adds
# the time zone to date-times and keeps English dates day-first.
FORMAT_MODULE_PATH = ["fourthp.lib.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"
USE_THOUSAND_SEPARATOR = True

# --- Static and uploaded files --------------------------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "var" / "static")))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# --- Limits -----------------------------------------------------------------------
# Uploaded statutes: larger files are refused with a message saying the limit; one person may
# upload this many files an hour (files that could not be read count too).
STATUTE_UPLOAD_MAX_BYTES = env_int("STATUTE_UPLOAD_MAX_BYTES", 20 * 1024 * 1024)
IMPORT_UPLOADS_PER_HOUR = env_int("IMPORT_UPLOADS_PER_HOUR", 30)
# Uploaded PDFs (statute import, analyzer) are read in a child process limited to this much
# memory and, while a page waits, this many seconds of wall clock.
PDF_READ_SECONDS = env_int("PDF_READ_SECONDS", 5)
PDF_READ_MEMORY_MB = env_int("PDF_READ_MEMORY_MB", 512)
# The analyzer hands PDFs larger than this to the task worker, which has this many seconds to read one.
PDF_READ_IN_WORKER_BYTES = env_int("PDF_READ_IN_WORKER_BYTES", 1024 * 1024)
PDF_WORKER_READ_SECONDS = env_int("PDF_WORKER_READ_SECONDS", 120)
# The analyzer in the web interface and the API: texts up to ANALYZER_SYNC_MAX_BYTES
# are analysed while the page waits (and are the most the API accepts); larger ones
# run in the task worker with their progress shown. Uploads over the second limit are refused.
ANALYZER_SYNC_MAX_BYTES = env_int("ANALYZER_SYNC_MAX_BYTES", 200_000)
ANALYZER_UPLOAD_MAX_BYTES = env_int("ANALYZER_UPLOAD_MAX_BYTES", 5 * 1024 * 1024)
# Text pasted on the analyzer page, in characters as the browser counts them (its textarea stops
# there too). A character takes at most 3 bytes in the form body, so keep 3 × this under
# DATA_UPLOAD_MAX_MEMORY_SIZE: a longer paste then reaches the form, which says so and keeps it.
ANALYZER_TEXT_MAX_CHARS = env_int("ANALYZER_TEXT_MAX_CHARS", 1_000_000)
# How much analysis one person may ask for: runs started in the web interface in the last
# hour, long documents waiting for or in the task worker at once, and API analyses (a rate
# for django-ratelimit: "30/m" is 30 a minute).
ANALYZER_RUNS_PER_HOUR = env_int("ANALYZER_RUNS_PER_HOUR", 60)
ANALYZER_WAITING_RUNS = env_int("ANALYZER_WAITING_RUNS", 3)
# A background run whose heartbeat (written every quarter of this while it runs) is older than this
# was left behind by a stopped worker: it is requeued until it has been started ANALYZER_RUN_ATTEMPTS
# times, then marked failed. The task worker looks for such runs every WORKER_SWEEP_SECONDS.
ANALYZER_STALE_SECONDS = env_int("ANALYZER_STALE_SECONDS", 120)
ANALYZER_RUN_ATTEMPTS = env_int("ANALYZER_RUN_ATTEMPTS", 2)
WORKER_SWEEP_SECONDS = env_int("WORKER_SWEEP_SECONDS", 60)
ANALYZER_API_RATE = env_str("ANALYZER_API_RATE", "30/m")
# API request bodies: larger ones are answered with 413.
API_MAX_REQUEST_BYTES = env_int("API_MAX_REQUEST_BYTES", 1024 * 1024)
# API requests, reads included, from one token (or, without a token, one address): over the
# rate, 429 with Retry-After. Counted in the cache, which several processes share only on Redis.
API_RATE = env_str("API_RATE", "600/m")
# Report-card PDFs asked to be made from one client address (a django-ratelimit rate); a PDF
# already made is downloaded without counting.
REPORT_CARD_PDF_RATE = env_str("REPORT_CARD_PDF_RATE", "20/h")
# Public campaign signatures (the form, whatever its outcome) from one client address, as a
# django-ratelimit rate; and how long an e-mailed confirmation link works, in seconds.
CAMPAIGN_SIGNATURES_RATE = env_str("CAMPAIGN_SIGNATURES_RATE", "10/h")
CAMPAIGN_CONFIRMATION_MAX_AGE = env_int("CAMPAIGN_CONFIRMATION_MAX_AGE", 3 * 24 * 3600)
# Letters to legislators: forms one client address may send (a django-ratelimit rate), letters one e-mail
# address may ask to send in a day, and how long the e-mailed link that sends a letter works, in seconds.
CAMPAIGN_LETTERS_RATE = env_str("CAMPAIGN_LETTERS_RATE", "10/h")
CAMPAIGN_LETTERS_PER_ADDRESS_PER_DAY = env_int("CAMPAIGN_LETTERS_PER_ADDRESS_PER_DAY", 5)
CAMPAIGN_LETTER_MAX_AGE = env_int("CAMPAIGN_LETTER_MAX_AGE", 24 * 3600)
# The mailing list: sign-ups one network address may send, how long a confirmation link works, how many
# recipients one task sends to before handing on, how many attempts a recipient gets, when a recipient
# left "being sent" by a stopped worker counts as failed, and the secret the mail service's bounce and
# complaint webhook sends in its X-Mailing-Secret header (empty: the webhook refuses everything).
MAILING_SIGNUPS_RATE = env_str("MAILING_SIGNUPS_RATE", "10/h")
MAILING_CONFIRMATION_MAX_AGE = env_int("MAILING_CONFIRMATION_MAX_AGE", 3 * 24 * 3600)
MAILING_BATCH_SIZE = env_int("MAILING_BATCH_SIZE", 50)
MAILING_MAX_ATTEMPTS = env_int("MAILING_MAX_ATTEMPTS", 3)
MAILING_SENDING_STALE_SECONDS = env_int("MAILING_SENDING_STALE_SECONDS", 600)
MAILING_WEBHOOK_SECRET = env_str("MAILING_WEBHOOK_SECRET")
# Donations: the payment provider ("test": the built-in test double, no money moves and no network;
# "stripe": Stripe Checkout with the three STRIPE_* keys), the currencies offered (ISO 4217 codes, the first
# the default), the smallest and largest pledge in whole units of its currency, pledges one client address
# may start (a django-ratelimit rate), how long an e-mailed link to a donor's pledges works, in seconds, and
# the secret the test provider signs its webhooks with (empty: one derived from SECRET_KEY).
DONATIONS_PROVIDER = env_str("DONATIONS_PROVIDER", "test")
DONATIONS_CURRENCIES = [
    code.strip().upper() for code in env_str("DONATIONS_CURRENCIES", "USD,EUR").split(",") if code.strip()
]
DONATIONS_MIN_AMOUNT = env_int("DONATIONS_MIN_AMOUNT", 1)
DONATIONS_MAX_AMOUNT = env_int("DONATIONS_MAX_AMOUNT", 10_000)
DONATIONS_PLEDGES_RATE = env_str("DONATIONS_PLEDGES_RATE", "10/h")
DONATIONS_LINK_MAX_AGE = env_int("DONATIONS_LINK_MAX_AGE", 7 * 24 * 3600)
DONATIONS_TEST_WEBHOOK_SECRET = env_str("DONATIONS_TEST_WEBHOOK_SECRET")
STRIPE_SECRET_KEY = env_str("STRIPE_SECRET_KEY")
STRIPE_WEBHOOK_SECRET = env_str("STRIPE_WEBHOOK_SECRET")
STRIPE_PUBLISHABLE_KEY = env_str("STRIPE_PUBLISHABLE_KEY")
# Statute suggestions and assessment requests one member may send (pages and API together).
ASSESSMENT_REQUESTS_RATE = env_str("ASSESSMENT_REQUESTS_RATE", "10/h")
# Procurement screens one member may start (the page and POST /api/v1/procurement-screens together), as a
# django-ratelimit rate; a running screen whose progress is quiet for PROCUREMENT_SCREEN_STALE_SECONDS was
# left by a stopped worker: the sweep requeues it until it has been started PROCUREMENT_SCREEN_RUN_ATTEMPTS
# times, then marks it failed.
PROCUREMENT_SCREENS_RATE = env_str("PROCUREMENT_SCREENS_RATE", "20/h")
PROCUREMENT_SCREEN_STALE_SECONDS = env_int("PROCUREMENT_SCREEN_STALE_SECONDS", 600)
PROCUREMENT_SCREEN_RUN_ATTEMPTS = env_int("PROCUREMENT_SCREEN_RUN_ATTEMPTS", 2)
# Photos of past convenings: the largest upload, in MB, and the most pixels (width × height) one may have.
EVENT_PHOTO_MAX_MB = env_int("EVENT_PHOTO_MAX_MB", 10)
EVENT_PHOTO_MAX_PIXELS = env_int("EVENT_PHOTO_MAX_PIXELS", 40_000_000)
RATELIMIT_USE_CACHE = "default"
# A count the cache failed to keep lets the request through rather than refusing it.
RATELIMIT_FAIL_OPEN = True
# Partnership: uploads to a working group's document space, and how often a member or an
# address may ask for something that notifies others (per rolling window named in the setting).
GROUP_DOCUMENT_MAX_BYTES = env_int("GROUP_DOCUMENT_MAX_BYTES", 10 * 1024 * 1024)
APPLICATIONS_PER_HOUR = env_int("APPLICATIONS_PER_HOUR", 5)
CONTACT_REQUESTS_PER_DAY = env_int("CONTACT_REQUESTS_PER_DAY", 5)
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 5 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
SEARCH_PAGE_SIZE = 20
NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_MAX_LIMIT = 500

# --- Security (production) ------------------------------------------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp): scripts and styles only from the site's own files, never
# inline (templates hold no <script> body and no style attribute; a test scans them). Server-drawn
# SVG maps colour with presentation attributes, which CSP does not govern. Browsers report
# violations to CSP_REPORT_URI when it is set.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        **({"report-uri": [env_str("CSP_REPORT_URI")]} if env_str("CSP_REPORT_URI") else {}),
    }
}
# Permissions-Policy (django-permissions-policy): the site uses none of these browser features.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "usb",
        "xr-spatial-tracking",
    )
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # PDF making: font subsetting and layout notes are not news.
        "fontTools": {"level": "WARNING"},
        "weasyprint": {"level": "ERROR"},
    },
}
