from typing import Any

from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


def _search_functions(sender: Any, connection: Any, **kwargs: Any) -> None:
    """Give every SQLite connection the functions the search index's triggers call (laws migration 0003).

    SQLite has no stemmer but English, so section text is stemmed here, in its
    own language, as each row is written (fourthp.lib.searchtext).
    """
    if connection.vendor != "sqlite":
        return
    from fourthp.lib.searchtext import config_for, stem_text

    raw = connection.connection
    raw.create_function("fourthp_search_config", 1, lambda language: config_for(language or ""), deterministic=True)
    raw.create_function(
        "fourthp_search_stems",
        2,
        lambda language, text: stem_text(text or "", config_for(language or "")),
        deterministic=True,
    )


class LawsConfig(AppConfig):
    name = "fourthp.laws"
    verbose_name = _("Laws")

    def ready(self) -> None:
        connection_created.connect(_search_functions, dispatch_uid="fourthp-laws-search-functions")
