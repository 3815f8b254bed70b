"""The Finnish personal identity code (henkilötunnus): parsing, encryption at rest and the keyed
digest by which a person is found.

A code reads DDMMYYCZZZQ: date of birth, century sign, individual number, check character.
Since the 2023 reform the 1900s also have the signs Y X W V U and the 2000s B C D E F besides
`-` and `A`; `+` is the 1800s. The sign is part of the code: 010594-9021 and 010594Y9021 are two
people, so both the ciphertext and the digest keep it.

Individual numbers 002–899 are permanent codes from the population register. 900–999 are
temporary codes (tilapäinen henkilötunnus) that hospitals and labs give to people without a
Finnish code; family centres receive them too (a newborn, a family that has just moved here), so
they are accepted and marked `temporary`, and later replaced by the permanent code.

The parity of the individual number says the sex registered when the code was given. Nothing
here needs it, and the code is about to stop carrying it, so it is not read.

Codes are stored only encrypted (Fernet: AES-128-CBC with HMAC-SHA256) under
PERHEKESKUS_IDENTITY_KEYS, and beside it an HMAC-SHA256 digest under
PERHEKESKUS_IDENTITY_HASH_KEY, so a person is found by code without decrypting every row. Neither
the code nor its digest is ever put into a message, a log line or a `repr`.
"""

import base64
import hashlib
import hmac
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from perhekeskus.errors import InvalidInput

CHECK_CHARACTERS = "0123456789ABCDEFHJKLMNPRSTUVWXY"
CENTURIES = {
    "+": 1800,
    **dict.fromkeys("-YXWVU", 1900),
    **dict.fromkeys("ABCDEF", 2000),
}
FIRST_INDIVIDUAL_NUMBER = 2
FIRST_TEMPORARY_NUMBER = 900
# ASCII digits only: \d would also take other scripts' digits, which int() reads.
_SHAPE = re.compile(r"(\d{2})(\d{2})(\d{2})(.)(\d{3})(.)", re.ASCII)

# Labels of the keys derived from SECRET_KEY when the settings name none (demo and tests only):
# one label per purpose, so the derived keys are unrelated to each other and to SECRET_KEY's
# other uses.
ENCRYPTION_KEY_LABEL = b"perhekeskus.clients.identity-code.encryption.v1"
HASH_KEY_LABEL = b"perhekeskus.clients.identity-code.digest.v1"

MESSAGES = {
    "format": _(
        "A personal identity code has 11 characters in the form DDMMYYCZZZQ, "
        "for example 131052-308T."
    ),
    "century_sign": _(
        "The seventh character of a personal identity code must be one of + - Y X W V U "
        "A B C D E F."
    ),
    "date": _("The first six digits of the personal identity code are not a real date."),
    "individual_number": _(
        "The individual number (characters 8–10) of a personal identity code is at least 002."
    ),
    "check_character": _(
        "The last character of the personal identity code does not match the others. "
        "Check the code for typing errors."
    ),
    "future": _("The date of birth in the personal identity code is in the future."),
}


class InvalidIdentityCode(InvalidInput):
    """A personal identity code that cannot be right. `reason` names the rule it breaks (a key
    of MESSAGES); the message says it in the user's language. Neither holds the code."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        message = MESSAGES[reason]
        super().__init__(message, details={"identity_code": str(message)})


class IdentityCodeUnreadable(Exception):
    """No configured key opens a stored code: a key was removed from PERHEKESKUS_IDENTITY_KEYS
    before every code was re-encrypted, or the token was damaged. An operator's problem."""


@dataclass(frozen=True)
class IdentityCode:
    """A parsed personal identity code (henkilötunnus); `code` is upper case, without spaces."""

    code: str = field(repr=False)
    date_of_birth: date
    temporary: bool


def identity_code_parse(code: str, *, today: date | None = None) -> IdentityCode:
    """Read a personal identity code (henkilötunnus), or raise InvalidIdentityCode (an
    InvalidInput) saying which rule it breaks. Lower case and surrounding spaces are accepted;
    `today` (Helsinki's date by default) is the latest possible date of birth."""
    normalised = code.strip().upper() if isinstance(code, str) else ""
    shape = _SHAPE.fullmatch(normalised) if len(normalised) == 11 else None
    if shape is None:
        raise InvalidIdentityCode("format")
    day, month, year, sign, individual, check = shape.groups()
    if sign not in CENTURIES:
        raise InvalidIdentityCode("century_sign")
    born = _date_or_none(year=CENTURIES[sign] + int(year), month=int(month), day=int(day))
    if born is None:
        raise InvalidIdentityCode("date")
    if int(individual) < FIRST_INDIVIDUAL_NUMBER:
        raise InvalidIdentityCode("individual_number")
    if check != identity_code_check_character(digits=f"{day}{month}{year}{individual}"):
        raise InvalidIdentityCode("check_character")
    if born > (today or timezone.localdate()):
        raise InvalidIdentityCode("future")
    return IdentityCode(
        code=normalised,
        date_of_birth=born,
        temporary=int(individual) >= FIRST_TEMPORARY_NUMBER,
    )


def identity_code_check_character(*, digits: str) -> str:
    """The check character (tarkistusmerkki) of the nine digits DDMMYYZZZ."""
    return CHECK_CHARACTERS[int(digits) % len(CHECK_CHARACTERS)]


def _date_or_none(*, year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def identity_code_encrypt(code: str) -> str:
    """The personal identity code (henkilötunnus), checked and normalised, encrypted with the
    first key of PERHEKESKUS_IDENTITY_KEYS. Each call gives a different token."""
    normalised = identity_code_parse(code).code
    return _fernet().encrypt(normalised.encode("ascii")).decode("ascii")


def identity_code_decrypt(token: str) -> str:
    """The personal identity code (henkilötunnus) in a token, opened with any configured key."""
    try:
        return _fernet().decrypt(token.encode("ascii")).decode("ascii")
    except (InvalidToken, UnicodeError) as error:
        raise IdentityCodeUnreadable(
            "No key in PERHEKESKUS_IDENTITY_KEYS opens this identity code."
        ) from error


def identity_code_reencrypt(token: str) -> str:
    """The same personal identity code (henkilötunnus) encrypted again with the first key: how
    stored codes move to a new key before the old one is removed."""
    try:
        return _fernet().rotate(token.encode("ascii")).decode("ascii")
    except (InvalidToken, UnicodeError) as error:
        raise IdentityCodeUnreadable(
            "No key in PERHEKESKUS_IDENTITY_KEYS opens this identity code."
        ) from error


def identity_code_digest(code: str) -> str:
    """HMAC-SHA256 (hex) of the normalised personal identity code (henkilötunnus) under
    PERHEKESKUS_IDENTITY_HASH_KEY: the same for every spelling of one code, so a person is
    found by an index lookup. Changing the hash key means recomputing every stored digest."""
    normalised = identity_code_parse(code).code
    return hmac.new(hash_key(), normalised.encode("ascii"), hashlib.sha256).hexdigest()


def configured_encryption_keys() -> list[str]:
    """The Fernet keys named in the settings (a list, or one comma-separated string)."""
    return _as_list(getattr(settings, "PERHEKESKUS_IDENTITY_KEYS", None))


def configured_hash_key() -> str:
    """The digest key named in the settings, or "" when none is."""
    return str(getattr(settings, "PERHEKESKUS_IDENTITY_HASH_KEY", "") or "")


def encryption_keys() -> list[str]:
    """The configured Fernet keys, or one derived from SECRET_KEY for the demo and tests."""
    return configured_encryption_keys() or [
        base64.urlsafe_b64encode(_derived(label=ENCRYPTION_KEY_LABEL)).decode("ascii")
    ]


def hash_key() -> bytes:
    """The configured digest key, or one derived from SECRET_KEY for the demo and tests."""
    configured = configured_hash_key()
    return configured.encode("utf-8") if configured else _derived(label=HASH_KEY_LABEL)


def _as_list(value: Any) -> list[str]:
    if not value:
        return []
    items = value.split(",") if isinstance(value, str) else value
    return [str(item).strip() for item in items if str(item).strip()]


def _derived(*, label: bytes) -> bytes:
    """32 bytes from SECRET_KEY by HKDF-SHA256 with a label of their own."""
    return _hkdf(secret=settings.SECRET_KEY, label=label)


@lru_cache(maxsize=16)
def _hkdf(*, secret: str, label: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=label).derive(
        secret.encode("utf-8")
    )


def _fernet() -> MultiFernet:
    return _multi_fernet(tuple(encryption_keys()))


@lru_cache(maxsize=16)
def _multi_fernet(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(key) for key in keys])
