from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "fourthp.members"
    verbose_name = _("Members")

    def ready(self) -> None:
        from fourthp.members import signals  # noqa: F401  (connects the receivers)
