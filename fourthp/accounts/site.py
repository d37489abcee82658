"""The site's public address and name, from the settings SITE_URL and SITE_NAME.

Every absolute link the platform hands out (e-mails, calendar files and feeds, the
PDF report card, account e-mails) is built by `absolute_url()`, so that one setting
decides where they point. The `django.contrib.sites` row allauth reads for the
name in account e-mails follows the same settings after every `migrate`.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS


def site_url() -> str:
    """The site's address with no trailing slash, e.g. `https://fourthp.example.org`."""
    return str(settings.SITE_URL).rstrip("/")


def absolute_url(path: str = "/") -> str:
    """`path` (e.g. `/events/4/`) on the site's address, joined by exactly one slash."""
    return f"{site_url()}/{path.lstrip('/')}"


def on_site(url: str) -> str:
    """The same path, query and fragment as `url`, on the site's address (whatever host a request named)."""
    parts = urlsplit(url)
    return absolute_url(urlunsplit(("", "", parts.path or "/", parts.query, parts.fragment)))


def site_domain() -> str:
    """The host (and port) of the site's address, e.g. `127.0.0.1:8001`."""
    return urlsplit(site_url()).netloc or "localhost"


def current_site() -> Any:
    """The site as allauth's e-mail templates name it (`current_site.name`, `.domain`), from the settings."""
    from django.contrib.sites.models import Site

    return Site(pk=settings.SITE_ID, domain=site_domain(), name=settings.SITE_NAME)


def sync_site(sender: Any = None, *, using: str = DEFAULT_DB_ALIAS, apps: Any = None, **kwargs: Any) -> None:
    """Make the Site row of SITE_ID carry SITE_NAME and the domain of SITE_URL (a post_migrate receiver)."""
    if apps is None:
        from django.apps import apps as global_apps

        apps = global_apps
    try:
        site_model = apps.get_model("sites", "Site")
    except LookupError:  # migrating to a state before the sites app
        return
    site_model.objects.using(using).update_or_create(
        pk=settings.SITE_ID, defaults={"domain": site_domain(), "name": settings.SITE_NAME}
    )
    from django.contrib.sites.models import SITE_CACHE

    SITE_CACHE.clear()
