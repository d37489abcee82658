"""Template filters for the atlas pages."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from fourthp.core.pages import markdown_html
from fourthp.jurisdictions import names

register = template.Library()


@register.filter
def local_name(jurisdiction: Any) -> str:
    """A country's name in the reader's language (CLDR, through Babel); other names as stored."""
    return names.local_name(jurisdiction)


@register.filter
def local_rationale(assessment: Any) -> str:
    """An assessment's rationale in the reader's language when it has been translated, else as written."""
    return str(assessment.rationale_in(get_language()))


@register.filter
def markdown(text: Any) -> SafeString:
    """Markdown written by people (a rationale, a description) as sanitised HTML: `{{ text|markdown }}`."""
    return markdown_html(str(text or ""))


@register.filter
def local(item: Any, field: str) -> str:
    """A framework's, pillar's or provision's text in the reader's language, in English until translated.

    `{{ provision|local:"question" }}`; nothing for a missing item, as `{{ None.title }}` would give.
    """
    if item is None or item == "":
        return ""
    return str(item.local(field))


@register.simple_tag
def region_label(code: str, fallback: str) -> str:
    """A UN M49 region's name in the reader's language."""
    return names.local_label(code, fallback) if code else fallback
