"""Rules every form of the app keeps, checked over all of them at once."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from django import forms

import fourthp
from fourthp.forms import BoundedDecimalField, MultilineField, WholeNumberField


def _app_forms() -> list[type[forms.BaseForm]]:
    found = []
    for module_info in pkgutil.iter_modules(fourthp.__path__):
        try:
            module = importlib.import_module(f"fourthp.{module_info.name}.forms")
        except ModuleNotFoundError:
            continue
        found += [
            cls
            for _name, cls in inspect.getmembers(module, inspect.isclass)
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__
        ]
    return found


def test_the_walk_finds_the_forms_of_every_app() -> None:
    modules = {cls.__module__ for cls in _app_forms()}
    assert {"fourthp.members.forms", "fourthp.groups.forms", "fourthp.events.forms", "fourthp.peers.forms"} <= modules


def test_every_text_box_counts_its_line_breaks_as_the_browser_does() -> None:
    wrong = [
        f"{cls.__module__}.{cls.__name__}.{name}"
        for cls in _app_forms()
        for name, field in cls.base_fields.items()
        if isinstance(field.widget, forms.Textarea) and not isinstance(field, MultilineField)
    ]
    assert wrong == [], f"text boxes that count a line break as two characters: {wrong}"


def test_every_number_field_has_explicit_bounds() -> None:
    wrong = [
        f"{cls.__module__}.{cls.__name__}.{name}"
        for cls in _app_forms()
        for name, field in cls.base_fields.items()
        if isinstance(field, forms.IntegerField) and not isinstance(field, (WholeNumberField, BoundedDecimalField))
    ]
    assert wrong == [], f"number fields without explicit bounds and a plain message: {wrong}"
