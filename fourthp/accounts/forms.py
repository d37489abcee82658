from __future__ import annotations

from django import forms
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from fourthp.accounts.models import TIME_ZONE_CHOICES, User


def student_field() -> forms.BooleanField:
    """The student's own word: unlike a legislator, whose role the secretariat verifies, a student declares it."""
    return forms.BooleanField(
        label=_("I am a student"),
        required=False,
        help_text=_(
            "Students take part in everything members do, join student chapters, and may be written to as students."
        ),
    )


class PreferencesForm(forms.Form):
    display_name = forms.CharField(label=_("Display name"), max_length=150, required=False)
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=TIME_ZONE_CHOICES)
    student = student_field()


class SignupExtraForm(forms.Form):
    """What the sign-up form asks beyond e-mail and password (allauth's ACCOUNT_SIGNUP_FORM_CLASS)."""

    student = student_field()

    def signup(self, request: HttpRequest, user: User) -> None:
        from fourthp.accounts.actions import do_declare_student

        if self.cleaned_data.get("student"):
            do_declare_student(user, True, acting_user=user)


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"),
        max_length=100,
        help_text=_("A label to recognise the token later, e.g. 'research notebook'."),
    )


class DeleteAccountForm(forms.Form):
    confirm = forms.CharField(
        label=_("Type DELETE to confirm"),
        max_length=10,
    )

    def clean_confirm(self) -> str:
        value: str = self.cleaned_data["confirm"]
        if value.strip() != "DELETE":
            raise forms.ValidationError(_("Type the word DELETE in capital letters to confirm."))
        return value
