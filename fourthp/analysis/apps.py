from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalysisConfig(AppConfig):
    name = "fourthp.analysis"
    verbose_name = _("Analysis")

    def ready(self) -> None:
        from django.core import checks

        from fourthp.analysis import signals  # noqa: F401  (connects the receivers)
        from fourthp.analysis.checks import check_pasted_text_fits_in_a_form

        checks.register(check_pasted_text_fits_in_a_form)
