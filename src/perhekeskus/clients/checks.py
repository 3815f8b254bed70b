"""System checks of the keys that protect personal identity codes (henkilötunnus) at rest.

Without PERHEKESKUS_IDENTITY_KEYS and PERHEKESKUS_IDENTITY_HASH_KEY the app derives both from
SECRET_KEY, which is right for the demo and the tests only: in production, rotating SECRET_KEY
(as one does after a leak) would then make every stored code unreadable and every digest stale.
So `check --deploy` refuses to pass until both are set; a malformed key is refused always,
since it would break the first save of a code.
"""

from typing import Any

from cryptography.fernet import Fernet
from django.core.checks import CheckMessage, Error, Tags, register

from perhekeskus.clients.identity import configured_encryption_keys, configured_hash_key

HASH_KEY_MIN_LENGTH = 32
NEW_FERNET_KEY = (
    "python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'"
)
NEW_HASH_KEY = "python -c 'import secrets; print(secrets.token_urlsafe(48))'"


@register(Tags.security, deploy=True)
def identity_keys_set(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Production names its own keys for identity codes rather than deriving them."""
    errors: list[CheckMessage] = []
    if not configured_encryption_keys():
        errors.append(
            Error(
                "PERHEKESKUS_IDENTITY_KEYS is not set: personal identity codes would be "
                "encrypted with a key derived from SECRET_KEY.",
                hint=f"Set it to a Fernet key, made with: {NEW_FERNET_KEY}",
                id="clients.E001",
            )
        )
    if not configured_hash_key():
        errors.append(
            Error(
                "PERHEKESKUS_IDENTITY_HASH_KEY is not set: digests of personal identity codes "
                "would use a key derived from SECRET_KEY.",
                hint=f"Set it to a random key of at least {HASH_KEY_MIN_LENGTH} characters: "
                f"{NEW_HASH_KEY}",
                id="clients.E002",
            )
        )
    elif len(configured_hash_key()) < HASH_KEY_MIN_LENGTH:
        errors.append(
            Error(
                f"PERHEKESKUS_IDENTITY_HASH_KEY is shorter than {HASH_KEY_MIN_LENGTH} characters.",
                hint=f"Make a longer one with: {NEW_HASH_KEY}",
                id="clients.E003",
            )
        )
    return errors


@register(Tags.security)
def identity_keys_valid(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Each configured encryption key is a Fernet key. The message names the key's position in
    the list, never the key."""
    errors: list[CheckMessage] = []
    for position, key in enumerate(configured_encryption_keys(), start=1):
        try:
            Fernet(key)
        except ValueError:
            errors.append(
                Error(
                    f"Key number {position} of PERHEKESKUS_IDENTITY_KEYS is not a Fernet key "
                    "(32 bytes in URL-safe base64).",
                    hint=f"Make one with: {NEW_FERNET_KEY}",
                    id="clients.E004",
                )
            )
    return errors
