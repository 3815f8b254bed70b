"""The login's two forms: the password, then the code from the authenticator app."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _


class LoginForm(forms.Form):
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        strip=True,
        error_messages={"required": _("Enter your username.")},
    )
    password = forms.CharField(
        label=_("Password"),
        max_length=4096,
        strip=False,
        widget=forms.PasswordInput,
        error_messages={"required": _("Enter your password.")},
    )


class CodeForm(forms.Form):
    """Six digits; spaces and dashes, as some apps show them ("123 456"), are allowed."""

    token = forms.CharField(
        label=_("Verification code"),
        max_length=20,
        error_messages={"required": _("Enter the 6-digit code from your authenticator app.")},
    )

    def clean_token(self) -> str:
        token = re.sub(r"[\s-]", "", self.cleaned_data["token"])
        if not re.fullmatch(r"\d{6}", token):
            raise forms.ValidationError(
                _("The code has 6 digits. Enter the code your authenticator app shows now."),
                code="format",
            )
        return token


class PasskeyNameForm(forms.Form):
    """The name of a passkey just added (the browser's script fills in which one)."""

    credential = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    name = forms.CharField(
        label=_("Name of the passkey"),
        max_length=64,
        required=False,
        strip=True,
        help_text=_("So that you recognise it later, for example “work laptop” or “phone”."),
    )
