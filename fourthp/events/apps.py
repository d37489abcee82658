from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "fourthp.events"
    verbose_name = _("Convenings and events")

    def ready(self) -> None:
        from fourthp.events import signals  # noqa: F401  (connects the receivers)
