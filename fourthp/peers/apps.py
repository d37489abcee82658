from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeersConfig(AppConfig):
    name = "fourthp.peers"
    verbose_name = _("Peer finder")

    def ready(self) -> None:
        from fourthp.peers import signals  # noqa: F401  (connects the receivers)
