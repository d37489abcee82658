"""Parse and validate an anti-trafficking legal framework written in YAML.

A framework is the yardstick a jurisdiction's law is assessed against: pillars,
and under them provisions with a stable id, a weight, the levels of
jurisdiction they apply to, the question an analyst answers, what counts as
full and partial compliance, and references to the standards they come from.
The format is described in the header of ``data/frameworks/four-p-v1.yaml``.

Everything here is plain Python so that the analyzer, the command line and the
web application's loader share one parser and one notion of validity.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import yaml

__all__ = [
    "LEVELS",
    "REF_SCHEMES",
    "TRANSLATED_FIELDS",
    "Framework",
    "FrameworkError",
    "FrameworkTranslation",
    "Pillar",
    "Provision",
    "Ref",
    "load_framework",
    "load_translation",
    "parse_framework",
    "parse_translation",
    "translation_paths",
]

# Which kinds of jurisdiction a provision can apply to (see the file header).
LEVELS: tuple[str, ...] = ("national", "subnational")

# Reference scheme -> the readable name of the source it points into.
REF_SCHEMES: dict[str, str] = {
    "palermo": "Palermo Protocol",
    "tvpa108": "TVPA § 108",
    "gsi": "Walk Free",
    "polaris": "Polaris",
    "unodc-model": "UNODC Model Law",
    "ask": "Policy ask",
}

# How one reference reads, per scheme: each source numbers its parts differently.
_REF_FORMATS: dict[str, str] = {
    "palermo": "{source} art. {value}",
    "tvpa108": "{source} minimum standard {value}",
    "gsi": "{source} milestone {value}",
    "polaris": "{source} category {value}",
    "unodc-model": "{source} art. {value}",
    "ask": "{source}: {value}",
}

# Schemes that point at a numbered article, standard, milestone or category.
_NUMBERED_SCHEMES = frozenset(REF_SCHEMES) - {"ask"}

# Ids end up in URLs, exports and evaluation labels, so keep them plain.
_ID = re.compile(r"[a-z0-9]+(?:[.-][a-z0-9]+)*")
_NUMBER = re.compile(r"[1-9][0-9]*")

_FRAMEWORK_FIELDS = ("id", "version", "title", "pillars")
_PILLAR_FIELDS = ("id", "title", "summary")
_PROVISION_FIELDS = (
    "id",
    "pillar",
    "weight",
    "levels",
    "title",
    "question",
    "full",
    "partial",
    "refs",
)


class FrameworkError(ValueError):
    """The framework text is not valid; the message says where and why."""


@dataclass(frozen=True)
class Ref:
    """A pointer into a source standard, written ``scheme:value`` in the file."""

    scheme: str
    value: str

    @property
    def label(self) -> str:
        """A readable name, e.g. "Palermo Protocol art. 3"."""
        source = REF_SCHEMES[self.scheme]
        return _REF_FORMATS[self.scheme].format(source=source, value=self.value)

    def __str__(self) -> str:
        return f"{self.scheme}:{self.value}"


@dataclass(frozen=True)
class Pillar:
    """One pillar; ``order`` is its 1-based position in the file."""

    id: str
    title: str
    summary: str
    order: int


@dataclass(frozen=True)
class Provision:
    """One assessable provision; ``order`` is its 1-based position in the file."""

    id: str
    pillar: str
    weight: float
    levels: tuple[str, ...]
    title: str
    question: str
    full: str
    partial: str
    refs: tuple[Ref, ...]
    order: int


@dataclass(frozen=True)
class Framework:
    """A parsed, validated framework.

    ``checksum`` identifies the content, not the formatting: two files that
    parse to the same values have the same checksum, and changing any value
    changes it.
    """

    id: str
    version: int
    title: str
    pillars: tuple[Pillar, ...]
    provisions: tuple[Provision, ...]
    checksum: str

    def provision(self, provision_id: str) -> Provision:
        """The provision with this id; KeyError if there is none."""
        for provision in self.provisions:
            if provision.id == provision_id:
                return provision
        raise KeyError(f"framework {self.id} v{self.version} has no provision {provision_id!r}")

    def pillar_provisions(self, pillar_id: str) -> tuple[Provision, ...]:
        """The provisions of one pillar in file order; KeyError for an unknown pillar."""
        if all(pillar.id != pillar_id for pillar in self.pillars):
            raise KeyError(f"framework {self.id} v{self.version} has no pillar {pillar_id!r}")
        return tuple(p for p in self.provisions if p.pillar == pillar_id)


def load_framework(path: str | os.PathLike[str]) -> Framework:
    """Read and parse a framework file (UTF-8)."""
    with open(path, "rb") as handle:
        data = handle.read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise FrameworkError(f"{os.fspath(path)} is not UTF-8 text: {error}") from None
    return parse_framework(text)


def parse_framework(text: str) -> Framework:
    """Parse framework YAML and validate it; raise FrameworkError if it is invalid."""
    document = _load_yaml(text)
    if not isinstance(document, dict):
        raise FrameworkError("the framework must be a mapping with the keys 'framework' and 'provisions'")
    _check_keys(document, ("framework", "provisions"), "the framework file")
    header = document["framework"]
    if not isinstance(header, dict):
        raise FrameworkError("'framework' must be a mapping of id, version, title and pillars")
    _check_keys(header, _FRAMEWORK_FIELDS, "'framework'")

    framework_id = _id(header, "id", "'framework'")
    version = header["version"]
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise FrameworkError(f"'framework': 'version' must be a whole number of 1 or more, got {version!r}")
    title = _text(header, "title", "'framework'")
    pillars = _pillars(header["pillars"])
    provisions = _provisions(document["provisions"], pillars)

    content = {
        "id": framework_id,
        "version": version,
        "title": title,
        "pillars": [_pillar_content(p) for p in pillars],
        "provisions": [_provision_content(p) for p in provisions],
    }
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    checksum = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    return Framework(framework_id, version, title, pillars, provisions, checksum)


# --------------------------------------------------------------------- YAML


class _LineDict(dict[Any, Any]):
    """A YAML mapping that remembers the line it started on, for messages."""

    line: int = 0


class _Loader(yaml.SafeLoader):
    """Safe loading, plus: a key given twice in one mapping is an error.

    Plain PyYAML keeps the last of two equal keys silently, so a duplicated
    ``full:`` would quietly replace the first one.
    """


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> _LineDict:
    seen: set[tuple[str, str]] = set()
    for key_node, _ in node.value:
        if isinstance(key_node, yaml.ScalarNode):
            key = (key_node.tag, key_node.value)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    "while reading a mapping",
                    node.start_mark,
                    f"found the key {key_node.value!r} twice",
                    key_node.start_mark,
                )
            seen.add(key)
    mapping = _LineDict(loader.construct_mapping(node, deep=True))
    mapping.line = node.start_mark.line + 1
    return mapping


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _load_yaml(text: str) -> object:
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = error.problem or error.context or "unreadable YAML"
        raise FrameworkError(f"the framework is not valid YAML{where}: {problem}") from None
    except yaml.YAMLError as error:
        raise FrameworkError(f"the framework is not valid YAML: {error}") from None
    except Exception as error:
        # PyYAML lets some bad scalars through as plain Python errors rather
        # than YAMLError: the impossible date 2020-13-45 raises ValueError,
        # "!!timestamp x" AttributeError, "!!bool x" KeyError, "!!int ''"
        # IndexError. Whatever the cause, the text is not a usable framework.
        raise FrameworkError(f"the framework is not valid YAML: {type(error).__name__}: {error}") from None


# --------------------------------------------------------------- validation


def _where(mapping: Mapping[Any, Any], name: str) -> str:
    line = getattr(mapping, "line", 0)
    return f"{name} (line {line})" if line else name


def _check_keys(mapping: Mapping[Any, Any], fields: Iterable[str], name: str) -> None:
    fields = tuple(fields)
    missing = [field for field in fields if field not in mapping]
    if missing:
        listed = ", ".join(repr(field) for field in missing)
        noun = "field" if len(missing) == 1 else "fields"
        raise FrameworkError(f"{_where(mapping, name)} is missing the {noun} {listed}")
    unknown = sorted(str(key) for key in mapping if key not in fields)
    if unknown:
        listed = ", ".join(repr(key) for key in unknown)
        expected = ", ".join(fields)
        raise FrameworkError(f"{_where(mapping, name)} has the unknown field {listed} (expected: {expected})")


def _text(mapping: Mapping[str, Any], field: str, name: str) -> str:
    value = mapping[field]
    if not isinstance(value, str) or not value.strip():
        raise FrameworkError(f"{_where(mapping, name)}: {field!r} must be non-empty text, got {value!r}")
    return value.strip()


def _id(mapping: Mapping[str, Any], field: str, name: str) -> str:
    value = _text(mapping, field, name)
    if not _ID.fullmatch(value):
        raise FrameworkError(
            f"{_where(mapping, name)}: {field!r} must be lower-case letters and digits "
            f"joined by '.' or '-', got {value!r}"
        )
    return value


def _pillars(raw: object) -> tuple[Pillar, ...]:
    if not isinstance(raw, list) or not raw:
        raise FrameworkError("'framework': 'pillars' must be a non-empty list")
    pillars: list[Pillar] = []
    for order, item in enumerate(raw, start=1):
        name = f"pillar {order}"
        if not isinstance(item, dict):
            raise FrameworkError(f"{name} must be a mapping of id, title and summary")
        if "id" in item:
            name = f"pillar {_id(item, 'id', name)!r}"
        _check_keys(item, _PILLAR_FIELDS, name)
        pillar_id = _id(item, "id", name)
        if any(p.id == pillar_id for p in pillars):
            raise FrameworkError(f"{_where(item, name)} is listed twice")
        pillars.append(
            Pillar(
                pillar_id,
                _text(item, "title", name),
                _text(item, "summary", name),
                order,
            )
        )
    return tuple(pillars)


def _provisions(raw: object, pillars: tuple[Pillar, ...]) -> tuple[Provision, ...]:
    if not isinstance(raw, list) or not raw:
        raise FrameworkError("'provisions' must be a non-empty list")
    pillar_ids = [p.id for p in pillars]
    provisions: list[Provision] = []
    lines: dict[str, int] = {}
    for order, item in enumerate(raw, start=1):
        provision = _provision(item, order, pillar_ids)
        if provision.id in lines:
            raise FrameworkError(
                f"{_where(item, f'provision {provision.id!r}')} repeats an id "
                f"already used (line {lines[provision.id]}); provision ids must be unique"
            )
        lines[provision.id] = getattr(item, "line", 0)
        provisions.append(provision)
    empty = [p for p in pillar_ids if all(provision.pillar != p for provision in provisions)]
    if empty:
        raise FrameworkError(f"pillar {empty[0]!r} has no provisions")
    return tuple(provisions)


def _provision(item: object, order: int, pillar_ids: list[str]) -> Provision:
    name = f"provision {order}"
    if not isinstance(item, dict):
        raise FrameworkError(f"{name} must be a mapping of {', '.join(_PROVISION_FIELDS)}")
    if "id" in item:
        name = f"provision {_id(item, 'id', name)!r}"
    _check_keys(item, _PROVISION_FIELDS, name)
    where = _where(item, name)

    pillar = item["pillar"]
    if pillar not in pillar_ids:
        raise FrameworkError(
            f"{where}: unknown pillar {pillar!r} (the framework's pillars are {', '.join(pillar_ids)})"
        )
    return Provision(
        id=_id(item, "id", name),
        pillar=pillar,
        weight=_weight(item["weight"], where),
        levels=_levels(item["levels"], where),
        title=_text(item, "title", name),
        question=_text(item, "question", name),
        full=_text(item, "full", name),
        partial=_text(item, "partial", name),
        refs=_refs(item["refs"], where),
        order=order,
    )


def _weight(value: object, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value <= 0:
        raise FrameworkError(f"{where}: 'weight' must be a positive number, got {value!r}")
    # A float either way, so that "2" and "2.0" are the same content.
    return float(value)


def _levels(value: object, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        raise FrameworkError(f"{where}: 'levels' must be a non-empty list drawn from {', '.join(LEVELS)}")
    for level in value:
        if level not in LEVELS:
            raise FrameworkError(f"{where}: unknown level {level!r} in 'levels' (allowed: {', '.join(LEVELS)})")
    if len(set(value)) != len(value):
        raise FrameworkError(f"{where}: 'levels' lists a level twice")
    return tuple(value)


def _refs(value: object, where: str) -> tuple[Ref, ...]:
    if not isinstance(value, list):
        raise FrameworkError(f"{where}: 'refs' must be a list of scheme:value references")
    refs: list[Ref] = []
    for raw in value:
        ref = _ref(raw, where)
        if ref in refs:
            raise FrameworkError(f"{where}: 'refs' lists {str(ref)!r} twice")
        refs.append(ref)
    return tuple(refs)


def _ref(raw: object, where: str) -> Ref:
    if not isinstance(raw, str) or ":" not in raw:
        raise FrameworkError(f"{where}: reference {raw!r} must be written scheme:value, e.g. palermo:3")
    scheme, value = (part.strip() for part in raw.split(":", 1))
    if scheme not in REF_SCHEMES:
        raise FrameworkError(
            f"{where}: unknown reference scheme {scheme!r} in {raw!r} (known schemes: {', '.join(REF_SCHEMES)})"
        )
    if scheme in _NUMBERED_SCHEMES and not _NUMBER.fullmatch(value):
        raise FrameworkError(f"{where}: reference {raw!r} must end in a whole number of 1 or more")
    if scheme not in _NUMBERED_SCHEMES and not _ID.fullmatch(value):
        raise FrameworkError(f"{where}: reference {raw!r} must name the ask in lower-case letters, digits and '-'")
    return Ref(scheme, value)


# ----------------------------------------------------------------- checksum


def _pillar_content(pillar: Pillar) -> dict[str, object]:
    return {
        "id": pillar.id,
        "title": pillar.title,
        "summary": pillar.summary,
        "order": pillar.order,
    }


def _provision_content(provision: Provision) -> dict[str, object]:
    return {
        "id": provision.id,
        "pillar": provision.pillar,
        "weight": provision.weight,
        "levels": list(provision.levels),
        "title": provision.title,
        "question": provision.question,
        "full": provision.full,
        "partial": provision.partial,
        "refs": [str(ref) for ref in provision.refs],
        "order": provision.order,
    }


# ------------------------------------------------------------- translations

# The texts of a framework a translation file gives in another language, by kind of item.
TRANSLATED_FIELDS: dict[str, tuple[str, ...]] = {
    "framework": ("title",),
    "pillars": ("title", "summary"),
    "provisions": ("title", "question", "full", "partial"),
}

_LANGUAGE = re.compile(r"[a-z]{2,3}(?:-[a-z0-9]+)?")


@dataclass(frozen=True)
class FrameworkTranslation:
    """A framework's texts in one language: its title, and each pillar's and provision's texts by id."""

    language: str
    framework: dict[str, str]
    pillars: dict[str, dict[str, str]]
    provisions: dict[str, dict[str, str]]


def translation_paths(framework_path: str | os.PathLike[str]) -> dict[str, str]:
    """The translation files of a framework file, by language.

    ``frameworks/four-p-v1.yaml`` is translated by ``frameworks/translations/four-p-v1.<language>.yaml``.
    """
    base = os.fspath(framework_path)
    folder = os.path.join(os.path.dirname(base), "translations")
    stem = os.path.splitext(os.path.basename(base))[0]
    found: dict[str, str] = {}
    if os.path.isdir(folder):
        for name in sorted(os.listdir(folder)):
            language = name[len(stem) + 1 : -len(".yaml")] if name.startswith(stem + ".") else ""
            if name.endswith(".yaml") and _LANGUAGE.fullmatch(language):
                found[language] = os.path.join(folder, name)
    return found


def load_translation(path: str | os.PathLike[str], framework: Framework, language: str) -> FrameworkTranslation:
    """Read a translation file (UTF-8) of `framework` into `language`; FrameworkError names the file."""
    name = os.path.basename(os.fspath(path))
    with open(path, "rb") as handle:
        data = handle.read()
    try:
        return parse_translation(data.decode("utf-8"), framework, language)
    except UnicodeDecodeError as error:
        raise FrameworkError(f"{name} is not UTF-8 text: {error}") from None
    except FrameworkError as error:
        raise FrameworkError(f"{name}: {error}") from None


def parse_translation(text: str, framework: Framework, language: str) -> FrameworkTranslation:
    """Parse a translation and check it gives every text of every pillar and provision, and nothing else."""
    document = _load_yaml(text)
    if not isinstance(document, dict):
        raise FrameworkError("a translation must be a mapping of language, framework, pillars and provisions")
    _check_keys(document, ("language", "framework", "pillars", "provisions"), "the translation")
    if document["language"] != language:
        raise FrameworkError(f"'language' says {document['language']!r} but the file name says {language!r}")
    header = document["framework"]
    if not isinstance(header, dict):
        raise FrameworkError("'framework' must be a mapping with the framework's 'title'")
    _check_keys(header, TRANSLATED_FIELDS["framework"], "'framework'")
    return FrameworkTranslation(
        language=language,
        framework={"title": _text(header, "title", "'framework'")},
        pillars=_translated_items(document["pillars"], "pillars", [p.id for p in framework.pillars]),
        provisions=_translated_items(document["provisions"], "provisions", [p.id for p in framework.provisions]),
    )


def _translated_items(raw: object, kind: str, ids: list[str]) -> dict[str, dict[str, str]]:
    fields = TRANSLATED_FIELDS[kind]
    if not isinstance(raw, dict):
        raise FrameworkError(f"'{kind}' must be a mapping of id to {', '.join(fields)}")
    missing = [item_id for item_id in ids if item_id not in raw]
    if missing:
        raise FrameworkError(f"'{kind}' lacks the framework's {', '.join(repr(i) for i in missing)}")
    unknown = sorted(str(item_id) for item_id in raw if item_id not in ids)
    if unknown:
        raise FrameworkError(f"'{kind}' has {', '.join(repr(i) for i in unknown)}, which the framework does not have")
    items: dict[str, dict[str, str]] = {}
    for item_id in ids:
        texts = raw[item_id]
        name = f"{kind[:-1]} {item_id!r}"
        if not isinstance(texts, dict):
            raise FrameworkError(f"{name} must be a mapping of {', '.join(fields)}")
        _check_keys(texts, fields, name)
        items[item_id] = {field: _text(texts, field, name) for field in fields}
    return items
