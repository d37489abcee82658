"""System check: every interface language has the shipped frameworks' texts in it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Warning

from fourthp.analyzer.framework import FrameworkError, load_framework, load_translation, translation_paths


def translation_problems(folder: Path) -> list[CheckMessage]:
    """Each framework file in `folder` needs a complete translation for each language of LANGUAGES but English.

    A missing file is a warning (readers of that language get the English texts); a file that misses or
    adds a pillar or provision is an error, since loading it is refused.
    """
    problems: list[CheckMessage] = []
    for path in sorted(folder.glob("*.yaml")):
        try:
            framework = load_framework(path)
        except FrameworkError as error:
            problems.append(Error(f"{path.name}: {error}", id="frameworks.E001"))
            continue
        files = translation_paths(path)
        for language, _name in settings.LANGUAGES:
            if language == settings.LANGUAGE_CODE:
                continue
            if language not in files:
                problems.append(
                    Warning(
                        f"{path.name} has no translation into {language}: its readers get the framework in English.",
                        hint=f"Add translations/{path.stem}.{language}.yaml beside it (see the Spanish one).",
                        id="frameworks.W001",
                    )
                )
                continue
            try:
                load_translation(files[language], framework, language)
            except FrameworkError as error:
                problems.append(Error(str(error), id="frameworks.E002"))
    return problems


def check_framework_translations(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    return translation_problems(Path(settings.DATA_DIR) / "frameworks")
