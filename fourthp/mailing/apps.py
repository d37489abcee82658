from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MailingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "fourthp.mailing"
    verbose_name = _("Mailing list")

    def ready(self) -> None:
        from fourthp.mailing import signals  # noqa: F401  (connects the receivers)
