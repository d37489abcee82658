from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GroupsConfig(AppConfig):
    name = "fourthp.groups"
    label = "workinggroups"
    verbose_name = _("Working groups")

    def ready(self) -> None:
        from fourthp.groups import signals  # noqa: F401  (connects the receivers)
