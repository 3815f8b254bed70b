"""Validators for Finnish identifiers and codes used in the network register."""

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

BUSINESS_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2)
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")


def business_id_is_valid(value: str) -> bool:
    """Y-tunnus: seven digits, a hyphen and a check digit (weighted sum modulo 11)."""
    if not re.fullmatch(r"\d{7}-\d", value):
        return False
    remainder = sum(int(d) * w for d, w in zip(value[:7], BUSINESS_ID_WEIGHTS, strict=True)) % 11
    if remainder == 1:
        return False
    check = 0 if remainder == 0 else 11 - remainder
    return int(value[-1]) == check


def validate_business_id(value: str) -> None:
    if value and not business_id_is_valid(value):
        raise ValidationError(
            _("%(value)s is not a valid Finnish business ID (check digit or format is wrong)."),
            code="invalid_business_id",
            params={"value": value},
        )


def validate_language_codes(value: Any) -> None:
    if not isinstance(value, list) or not all(
        isinstance(code, str) and LANGUAGE_CODE.match(code) for code in value
    ):
        raise ValidationError(
            _("Languages are a list of ISO 639 codes such as fi, sv, en or smn."),
            code="invalid_languages",
        )
