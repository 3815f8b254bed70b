"""Reads about professionals and their second factor (toinen tunnistautumistekijä)."""

from base64 import b32encode
from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from perhekeskus.staff.models import Professional


def professional_of_user(user: AbstractBaseUser) -> Professional | None:
    """The user's professional account, if the data maintainers have given one."""
    return (
        Professional.objects.select_related("organisation", "municipality")
        .filter(user_id=user.pk)
        .first()
    )


def authenticators_of(user: AbstractBaseUser) -> QuerySet[TOTPDevice]:
    """The authenticator apps the professional has set up and confirmed with a first code."""
    return TOTPDevice.objects.filter(user_id=user.pk, confirmed=True).order_by("pk")


def has_authenticator(user: AbstractBaseUser) -> bool:
    return authenticators_of(user).exists()


def codes_paused(devices: Iterable[TOTPDevice]) -> bool:
    """django_otp's own brake after wrong codes (a pause of 1, 2, 4 ... seconds) is on for
    every one of these authenticators: even a right code would be refused just now."""
    devices = list(devices)
    return bool(devices) and not any(device.verify_is_allowed()[0] for device in devices)


def secret_base32(device: TOTPDevice) -> str:
    """The secret as typed into an authenticator app by hand, in groups of four."""
    text = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def passkeys_of(user: AbstractBaseUser) -> QuerySet[WebAuthnCredential]:
    """The professional's own passkeys, oldest first."""
    return WebAuthnCredential.objects.filter(user_id=user.pk, confirmed=True).order_by(
        "created_at", "pk"
    )


def has_passkey(user: AbstractBaseUser) -> bool:
    return passkeys_of(user).exists()
