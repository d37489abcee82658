from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DonationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "fourthp.donations"
    verbose_name = _("Donations")

    def ready(self) -> None:
        from fourthp.donations import signals  # noqa: F401  (connects the receivers)
