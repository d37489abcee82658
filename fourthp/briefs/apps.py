from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BriefsConfig(AppConfig):
    name = "fourthp.briefs"
    verbose_name = _("Briefs and resources")
