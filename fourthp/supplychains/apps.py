from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupplychainsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "fourthp.supplychains"
    verbose_name = _("Supply chains")
