"""Every public page in every interface language: the page is in that language, and axe finds nothing serious.

A reader's browser asks for her language (Accept-Language); the pages answer in it, name it in
`<html lang>`, and stay accessible whatever the length of the words.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from playwright.sync_api import Page

from fourthp.testing import ensure_seed
from tests.browser.test_atlas_browser import BLOCKING_IMPACTS, _axe

pytestmark = pytest.mark.browser

PUBLIC_PAGES = [
    "/",
    "/jurisdictions/",
    "/jurisdictions/RO/",
    "/jurisdictions/RO/report-card/",
    "/jurisdictions/CA/report-card/",
    "/compare/?jurisdictions=RO&jurisdictions=FR",
    "/maps/",
    "/methodology/",
    "/frameworks/four-p/",
    "/frameworks/four-p/provisions/crim.labour-trafficking/",
    "/instruments/",
    "/search/?q=trafic",
    "/members/",
    "/groups/",
    "/events/",
    "/join/",
    "/accounts/login/",
]

# A word of each language that its pages show and English ones do not: the page really is translated.
A_WORD_OF = {"en": "Search", "es": "Buscar", "fr": "Rechercher", "ro": "Căutare", "uk": "Пошук"}


def test_every_public_page_is_in_the_readers_language_and_passes_axe(
    transactional_db: None, live_server: Any, new_page: Any
) -> None:
    ensure_seed()
    languages = [code for code, _name in settings.LANGUAGES]
    assert set(languages) == set(A_WORD_OF), "a language was added: name one of its words above"
    problems: list[str] = []
    for language in languages:
        page: Page = new_page(locale=language)
        for path in PUBLIC_PAGES:
            response = page.goto(live_server.url + path)
            assert response is not None and response.status == 200, (
                f"{path} in {language}: {response and response.status}"
            )
            lang = page.evaluate("document.documentElement.lang")
            if lang != language:
                problems.append(f"{path} in {language}: <html lang> is {lang!r}")
            # The word is in the header's Law menu, which is closed until opened: read all the page's text.
            if A_WORD_OF[language] not in (page.text_content("body") or ""):
                problems.append(f"{path} in {language}: the word {A_WORD_OF[language]!r} is nowhere on the page")
            for violation in _axe.run(page).response["violations"]:
                if violation.get("impact") in BLOCKING_IMPACTS:
                    targets = "; ".join(", ".join(node["target"]) for node in violation["nodes"][:3])
                    problems.append(f"{path} in {language}: {violation['id']} ({violation['impact']}) at {targets}")
    assert not problems, "\n".join(problems)
