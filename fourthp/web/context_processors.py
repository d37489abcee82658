from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from fourthp.accounts.access import has_role
from fourthp.accounts.roles import Role
from fourthp.accounts.site import site_url
from fourthp.assessments.access import can_see_assessment_requests
from fourthp.web.navigation import main_navigation


def site(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    return {
        "can_import": has_role(user, Role.ANALYST, Role.SECRETARIAT),
        "can_assess": has_role(user, Role.ANALYST, Role.REVIEWER, Role.SECRETARIAT),
        "can_analyze": has_role(user, Role.ANALYST, Role.REVIEWER, Role.SECRETARIAT),
        "is_secretariat": has_role(user, Role.SECRETARIAT),
        "can_see_requests": user is not None and can_see_assessment_requests(user),
        # The site's address, no trailing slash: `{{ site_url }}{% url ... %}` is an absolute link.
        "site_url": site_url(),
        # The header's menus and the count of work waiting, built only when a page prints the header.
        "nav": SimpleLazyObject(lambda: main_navigation(request)),
    }
