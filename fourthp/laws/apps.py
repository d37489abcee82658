from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LawsConfig(AppConfig):
    name = "fourthp.laws"
    verbose_name = _("Laws")
