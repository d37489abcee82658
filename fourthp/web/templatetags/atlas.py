"""Template filters for the atlas pages."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from babel import Locale, UnknownLocaleError
from django import template
from django.utils.translation import get_language

register = template.Library()


@lru_cache(maxsize=16)
def _territories(language: str) -> dict[str, str]:
    try:
        return dict(Locale.parse(language.replace("-", "_")).territories)
    except (UnknownLocaleError, ValueError):
        return {}


def _local(code: str, fallback: str) -> str:
    language = get_language() or "en"
    if language.startswith("en"):
        return fallback
    return _territories(language).get(code, fallback)


@register.filter
def local_name(jurisdiction: Any) -> str:
    """A country's name in the reader's language (CLDR, through Babel); other names as stored."""
    code = getattr(jurisdiction, "code", "")
    name = str(getattr(jurisdiction, "name", ""))
    return _local(code, name) if len(code) == 2 else name


@register.simple_tag
def region_label(code: str, fallback: str) -> str:
    """A UN M49 region's name in the reader's language."""
    return _local(code, fallback) if code else fallback
