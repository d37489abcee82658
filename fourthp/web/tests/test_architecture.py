"""The import rules of docs/architecture.md, read from the source with `ast` (nothing is imported).

Each check counts what it looked at and fails if that is too little, so a moved folder or a
renamed module cannot make it pass by finding nothing.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2]  # fourthp/

# "Dependencies run one way" (docs/architecture.md), lowest first; `core` is the low package every app may
# use, just above `accounts` whose roles it reads. An app may import its own layer and those below it.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("lib", "analyzer"),
    ("accounts",),
    ("core",),
    ("notifications",),
    ("jurisdictions", "frameworks"),
    ("laws", "findings"),
    ("assessments",),
    ("analysis", "members", "groups", "bills", "statistics", "briefs", "drafting", "supplychains"),
    ("peers", "events", "circles", "campaigns", "mailing", "indicators", "organisations", "donations"),
    ("web", "api"),
)
LAYER_OF = {app: level for level, apps in enumerate(LAYERS) for app in apps}
# The modules whose imports must follow the layers. The doc's one allowance, that an app's views may read from
# the apps above it to compose a page, is why views (and urls) are not listed.
LAYERED_MODULES = ("models", "queries", "actions")


@dataclass(frozen=True)
class Module:
    path: Path
    name: str  # fourthp.assessments.views
    app: str  # assessments, or "" for fourthp/*.py
    tree: ast.Module

    @property
    def is_test(self) -> bool:
        parts = self.path.relative_to(PACKAGE).parts
        return "tests" in parts or self.path.name in {"testing.py", "conftest.py"}

    @property
    def is_migration(self) -> bool:
        return "migrations" in self.path.relative_to(PACKAGE).parts

    def imports(self) -> Iterator[tuple[str, int]]:
        """Every module this one imports (`from fourthp.x import views` gives fourthp.x.views), anywhere in it."""
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    yield alias.name, node.lineno
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                yield node.module, node.lineno
                for alias in node.names:
                    yield f"{node.module}.{alias.name}", node.lineno


def _modules() -> list[Module]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE)
        name = ".".join(("fourthp", *relative.with_suffix("").parts)).removesuffix(".__init__")
        app = relative.parts[0] if len(relative.parts) > 1 else ""
        found.append(Module(path, name, app, ast.parse(path.read_text(encoding="utf-8"), str(path))))
    return found


MODULES = _modules()
APPS = sorted({m.app for m in MODULES if m.app and (PACKAGE / m.app / "__init__.py").exists()})
CODE = [m for m in MODULES if not m.is_test and not m.is_migration]


def _app_of(imported: str) -> str | None:
    parts = imported.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "fourthp" and parts[1] in APPS else None


def test_the_source_was_found() -> None:
    assert len(CODE) >= 150, f"only {len(CODE)} modules of fourthp/ were read"
    assert {"accounts", "assessments", "core", "events", "groups", "jurisdictions", "laws", "web"} <= set(APPS)


def test_every_app_of_the_package_has_a_layer() -> None:
    assert set(APPS) == set(LAYER_OF), "the layer list here and the apps of fourthp/ differ: update LAYERS"


def test_no_app_imports_another_apps_views() -> None:
    checked = 0
    wrong = []
    for module in CODE:
        for imported, line in module.imports():
            parts = imported.split(".")
            if len(parts) >= 3 and parts[0] == "fourthp" and parts[2] == "views":
                checked += 1
                if parts[1] != module.app:
                    wrong.append(f"{module.name}:{line} imports {imported}")
    assert checked >= 8, f"only {checked} imports of a views module were found: is the walk still reading urls.py?"
    assert not wrong, "an app imports another app's views:\n" + "\n".join(wrong)


def test_each_apps_views_are_imported_by_its_own_urls_or_views_only() -> None:
    importers: dict[str, set[str]] = {}
    for module in CODE:
        for imported, _line in module.imports():
            parts = imported.split(".")
            if len(parts) >= 3 and parts[0] == "fourthp" and parts[2] == "views" and parts[1] == module.app:
                importers.setdefault(module.app, set()).add(module.name)
    assert len(importers) >= 8, f"views imported in only {sorted(importers)}"
    for app, names in importers.items():
        allowed = {f"fourthp.{app}.urls"}
        others = {n for n in names if n not in allowed and not n.startswith(f"fourthp.{app}.views")}
        assert not others, f"{app}'s views are imported by {sorted(others)}, not only by its urls.py"


def test_models_queries_and_actions_import_only_their_layer_and_below() -> None:
    checked = 0
    wrong = []
    for module in CODE:
        if module.app not in LAYER_OF or module.name.split(".")[-1] not in LAYERED_MODULES:
            continue
        checked += 1
        for imported, line in module.imports():
            other = _app_of(imported)
            if other is not None and LAYER_OF[other] > LAYER_OF[module.app]:
                wrong.append(f"{module.name}:{line} imports {imported} (layer {other} is above {module.app})")
    assert checked >= 20, f"only {checked} models/queries/actions modules were checked"
    assert not wrong, "a lower layer imports a higher one:\n" + "\n".join(sorted(set(wrong)))


def test_core_imports_no_app_but_the_roles_of_accounts() -> None:
    core = [m for m in CODE if m.app == "core"]
    assert len(core) >= 3, f"only {len(core)} modules of fourthp/core were read"
    allowed = {"core", "lib"}
    roles = {"fourthp.accounts.roles", "fourthp.accounts.access"}
    wrong = []
    for module in core:
        for imported, line in module.imports():
            other = _app_of(imported)
            if other is None or other in allowed:
                continue
            if other == "accounts" and any(imported == r or imported.startswith(r + ".") for r in roles):
                continue
            wrong.append(f"{module.name}:{line} imports {imported}")
    assert not wrong, "fourthp.core imports an app of the project:\n" + "\n".join(wrong)


def _model_names_and_states(app: str) -> tuple[set[str], set[str]]:
    """The models (top-level classes) of an app's models.py, and the stored values of its choices' members."""
    path = PACKAGE / app / "models.py"
    if not path.exists():
        return set(), set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {node.name for node in tree.body if isinstance(node, ast.ClassDef)}
    states = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.ClassDef):
            continue
        if any("Choices" in ast.unparse(base) for base in node.bases):
            for statement in node.body:
                if isinstance(statement, ast.Assign):
                    value = statement.value
                    first = value.elts[0] if isinstance(value, ast.Tuple) and value.elts else value
                    if isinstance(first, ast.Constant) and isinstance(first.value, str):
                        states.add(first.value)
    return names, states


def test_accounts_access_holds_roles_only_and_knows_no_other_apps_models() -> None:
    path = PACKAGE / "accounts" / "access.py"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    own_names, own_states = _model_names_and_states("accounts")
    names: set[str] = set()
    states: set[str] = set()
    for app in APPS:
        if app != "accounts":
            other_names, other_states = _model_names_and_states(app)
            names |= other_names
            states |= other_states
    names -= own_names | {"Meta"}
    states -= own_states
    assert len(names) >= 20 and len(states) >= 10, "the other apps' models and states were not found"
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    wrong = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id in names:
            wrong.append(f"line {node.lineno}: the model {node.id}")
        elif isinstance(node, ast.Attribute) and node.attr in names:
            wrong.append(f"line {node.lineno}: the model {node.attr}")
        elif isinstance(node, ast.alias) and node.name.split(".")[-1] in names:
            wrong.append(f"line {node.lineno}: imports {node.name}")
        elif isinstance(node, ast.Constant) and id(node) not in docstrings and node.value in states:
            wrong.append(f"line {node.lineno}: the state {node.value!r}")
    for imported in Module(path, "fourthp.accounts.access", "accounts", tree).imports():
        other = _app_of(imported[0])
        if other not in (None, "accounts", "lib"):
            wrong.append(f"line {imported[1]}: imports {imported[0]}")
    assert not wrong, "accounts/access.py holds a rule of another app:\n" + "\n".join(sorted(set(wrong)))


def test_the_default_framework_slug_is_written_once() -> None:
    places = []
    read = 0
    for module in CODE:
        read += 1
        for node in ast.walk(module.tree):
            if isinstance(node, ast.Constant) and node.value == "four-p":
                places.append(f"{module.name}:{node.lineno}")
    for path in PACKAGE.rglob("*"):
        if path.suffix in {".html", ".txt", ".js"} and "tests" not in path.parts:
            text = path.read_text(encoding="utf-8", errors="replace")
            if "'four-p'" in text or '"four-p"' in text:
                places.append(str(path.relative_to(PACKAGE)))
    assert read >= 150
    assert places == [places[0]] and places[0].startswith("fourthp.frameworks.models:"), (
        f'"four-p" is written in {places}; it belongs once, in fourthp/frameworks/models.py'
    )


@pytest.mark.parametrize("name", ["views", "urls"])
def test_the_walk_reads_urls_and_views_of_each_app_with_pages(name: str) -> None:
    found = {m.app for m in CODE if m.name.split(".")[-1] == name or f".{name}." in m.name}
    assert len(found) >= 8, f"{name} modules found only in {sorted(found)}"
