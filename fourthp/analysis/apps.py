from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalysisConfig(AppConfig):
    name = "fourthp.analysis"
    verbose_name = _("Analysis")

    def ready(self) -> None:
        from fourthp.analysis import signals  # noqa: F401  (connects the receivers)
