from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FrameworksConfig(AppConfig):
    name = "fourthp.frameworks"
    verbose_name = _("Frameworks")

    def ready(self) -> None:
        from django.core import checks

        from fourthp.frameworks.checks import check_framework_translations

        checks.register(check_framework_translations)
