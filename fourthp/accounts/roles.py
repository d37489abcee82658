"""The one list of roles, held as Django groups and combinable.

A visitor is anyone not signed in; every signed-in account is at least a
member. A student declares herself one (at sign-up or on her profile,
`accounts.actions.do_declare_student`); the other roles are verified and granted by the
secretariat. Roles may be combined (an analyst can also be a reviewer). A student may do all a
member may: the role marks her as one, so that she can be found and counted as a student. Per-object roles, such as membership of a
working group, are checked by the same `access_*` helpers.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    VISITOR = "visitor", _("Visitor")
    MEMBER = "member", _("Member")
    STUDENT = "student", _("Student")
    LEGISLATOR = "legislator member", _("Legislator member")
    STAFF = "parliamentary staff", _("Parliamentary staff")
    ANALYST = "analyst", _("Analyst")
    REVIEWER = "reviewer", _("Reviewer")
    SECRETARIAT = "secretariat", _("Secretariat")


# Roles held as groups: the visitor is no group, and every account is a member.
GROUP_ROLES: tuple[Role, ...] = (
    Role.MEMBER,
    Role.STUDENT,
    Role.LEGISLATOR,
    Role.STAFF,
    Role.ANALYST,
    Role.REVIEWER,
    Role.SECRETARIAT,
)
