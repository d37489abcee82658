from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CirclesConfig(AppConfig):
    name = "fourthp.circles"
    verbose_name = _("Local circles and student chapters")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from fourthp.circles import signals  # noqa: F401  (connects the receivers)
