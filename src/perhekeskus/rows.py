"""What the client apps' services share in writing a row: an id from the user's input, a row
checked before it is saved, and a versioned row saved with its version up (so that an edit made
on an old copy is noticed)."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from perhekeskus.errors import InvalidInput


def int_or_none(value: Any) -> int | None:
    """An id as typed or posted; None for anything that is not a whole number."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def clean_or_invalid(row: models.Model) -> None:
    """The row's own checks (full_clean), refused as the project's InvalidInput."""
    try:
        row.full_clean()
    except ValidationError as error:
        raise InvalidInput(details=error.message_dict) from error


def versioned_save(row: Any, fields: list[str]) -> None:
    """Save the changed fields of a Versioned row, its version one up, after its checks."""
    row.version += 1
    clean_or_invalid(row)
    row.save(update_fields=[*fields, "version", "updated_at"])
