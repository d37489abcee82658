from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BillsConfig(AppConfig):
    name = "fourthp.bills"
    verbose_name = _("Bills and legislative calendars")
