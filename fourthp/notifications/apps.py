from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "fourthp.notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from fourthp.notifications import signals  # noqa: F401  (connects the receivers)
