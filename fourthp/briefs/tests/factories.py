"""Plain factories for the library's tests."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from fourthp.briefs.models import Resource


def make_resource(slug: str, *, published: bool = False, **fields: Any) -> Resource:
    defaults: dict[str, Any] = {
        "kind": Resource.Kind.BRIEF,
        "title": f"Brief {slug}",
        "summary": "What identification offers a survivor.",
        "body": "Identification opens the door to services.",
    }
    resource = Resource.objects.create(slug=slug, **{**defaults, **fields})
    if published:
        resource.state = Resource.State.PUBLISHED
        resource.published_at = timezone.now()
        resource.save(update_fields=["state", "published_at"])
    return resource
