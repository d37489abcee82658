"""Form fields every app's forms use where Django's own would surprise a user.

`MultilineField` counts the text in a box as the browser does; `SingleLineField`
keeps a title on one line; `WholeNumberField` bounds a number explicitly and
says so plainly.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _


class MultilineField(forms.CharField):
    """Text typed in a box (a textarea), its length counted as the browser counts it.

    A browser counts a line break as one character against a textarea's
    ``maxlength`` but sends it as the two characters ``\\r\\n`` (HTML, "form
    submission": newlines are normalised to CRLF), so a box filled to its limit
    with several lines came back over the limit. Line breaks are made ``\\n``
    before the length is checked, and are stored so.
    """

    widget = forms.Textarea

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            value = value.replace("\r\n", "\n").replace("\r", "\n")
        return super().to_python(value)


class SingleLineField(forms.CharField):
    """One line of text, such as a title: line breaks and runs of spaces become one space.

    A browser's one-line input never sends a line break typed or pasted into it
    (its value is sanitised), so one arrives only from a script or another client;
    folding it keeps the words the person meant, where refusing would ask her to
    remove something she cannot see. A title goes into e-mail subjects and
    calendar files, where a line break would end the line early.
    """

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            value = " ".join(value.split())
        return super().to_python(value)


class WholeNumberField(forms.IntegerField):
    """A whole number between explicit bounds, with one plain message for anything else.

    Without an explicit upper bound a form accepts any size of number and
    the database column refuses it (PostgreSQL's integer stops at 2,147,483,647),
    or the form repeats the column's bound in words no one asked for.
    """

    default_error_messages = {"out_of_range": _("%(label)s must be a whole number between %(min)s and %(max)s.")}

    def __init__(self, *, min_value: int, max_value: int, **kwargs: Any) -> None:
        super().__init__(min_value=min_value, max_value=max_value, **kwargs)
        self.low, self.high = min_value, max_value

    def _out_of_range(self) -> ValidationError:
        return ValidationError(
            self.error_messages["out_of_range"],
            code="out_of_range",
            params={
                "label": self.label or _("The number"),
                "min": number_format(self.low, force_grouping=True),
                "max": number_format(self.high, force_grouping=True),
            },
        )

    def to_python(self, value: Any) -> int | None:
        try:
            return super().to_python(value)
        except ValidationError:
            raise self._out_of_range() from None

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value is not None and not self.low <= value <= self.high:
            raise self._out_of_range()


class BoundedDecimalField(forms.DecimalField):
    """A number with decimals between explicit bounds, with one plain message for anything else.

    As `WholeNumberField`: the bounds are the column's, said once in words a person reads.
    """

    default_error_messages = {"out_of_range": _("%(label)s must be a number between %(min)s and %(max)s.")}

    def __init__(self, *, min_value: Decimal, max_value: Decimal, **kwargs: Any) -> None:
        super().__init__(min_value=min_value, max_value=max_value, **kwargs)
        self.low, self.high = min_value, max_value

    def _out_of_range(self) -> ValidationError:
        return ValidationError(
            self.error_messages["out_of_range"],
            code="out_of_range",
            params={
                "label": self.label or _("The number"),
                "min": number_format(self.low, force_grouping=True),
                "max": number_format(self.high, force_grouping=True),
            },
        )

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]  # a DecimalField, typed as an IntegerField by the stubs
        try:
            return super().to_python(value)
        except ValidationError:
            raise self._out_of_range() from None

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value is not None and not self.low <= value <= self.high:
            raise self._out_of_range()

    def run_validators(self, value: Any) -> None:
        # The digit limits follow from the bounds; the bounds' message says it once.
        try:
            super().run_validators(value)
        except ValidationError:
            raise self._out_of_range() from None
