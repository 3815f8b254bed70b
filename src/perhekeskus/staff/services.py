"""The second factor: setting up an authenticator app (käyttöönotto) and checking its codes;
naming and removing passkeys (django-otp-webauthn registers them)."""

from django.contrib.auth.models import AbstractBaseUser
from django.contrib.sessions.backends.base import SessionBase
from django.db import transaction
from django_otp import verify_token
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from perhekeskus.errors import NotFound
from perhekeskus.staff.selectors import authenticators_of, passkeys_of

ENROLMENT_SESSION_KEY = "perhekeskus_enrolment_device"
DEVICE_NAME = "authenticator"


def enrolment_device(*, user: AbstractBaseUser, session: SessionBase) -> TOTPDevice:
    """The authenticator being set up in this session. Each new session gets a fresh secret
    (the old unconfirmed one is deleted), so a secret once shown is never shown again to
    another browser."""
    device_id = session.get(ENROLMENT_SESSION_KEY)
    device = (
        TOTPDevice.objects.filter(pk=device_id, user_id=user.pk, confirmed=False).first()
        if isinstance(device_id, int)
        else None
    )
    if device is None:
        with transaction.atomic():
            TOTPDevice.objects.filter(user_id=user.pk, confirmed=False).delete()
            device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
        session[ENROLMENT_SESSION_KEY] = device.pk
    return device


def enrolment_confirm(*, device: TOTPDevice, token: str, session: SessionBase) -> TOTPDevice | None:
    """The first code from the app proves it holds the secret: from now on the account has a
    second factor, and no other can be set up without the data maintainers."""
    with transaction.atomic():
        locked = TOTPDevice.objects.select_for_update().filter(pk=device.pk).first()
        if locked is None or locked.confirmed or not locked.verify_token(token):
            return None
        locked.confirmed = True
        locked.save(update_fields=["confirmed"])
    session.pop(ENROLMENT_SESSION_KEY, None)
    return locked


def code_check(*, user: AbstractBaseUser, token: str) -> TOTPDevice | None:
    """The authenticator that accepts this code, if any (each code works once)."""
    for device in authenticators_of(user):
        verified = verify_token(user, device.persistent_id, token)
        if verified is not None:
            return verified
    return None


PASSKEY_NAME_MAX_LENGTH = 64  # django_otp's Device.name


def _own_passkey(*, user: AbstractBaseUser, credential_id: int) -> WebAuthnCredential:
    """The user's own passkey, locked; someone else's is as missing as one that never was."""
    passkey = passkeys_of(user).select_for_update().filter(pk=credential_id).first()
    if passkey is None:
        raise NotFound()
    return passkey


def passkey_name(*, user: AbstractBaseUser, credential_id: int, name: str) -> WebAuthnCredential:
    """Give the passkey a name its owner recognises ("työläppäri", "puhelin")."""
    with transaction.atomic():
        passkey = _own_passkey(user=user, credential_id=credential_id)
        passkey.name = name.strip()[:PASSKEY_NAME_MAX_LENGTH]
        passkey.save(update_fields=["name"])
    return passkey


def passkey_remove(*, user: AbstractBaseUser, credential_id: int) -> WebAuthnCredential:
    """Remove the passkey: from now on it opens nothing. The authenticator app stays."""
    with transaction.atomic():
        passkey = _own_passkey(user=user, credential_id=credential_id)
        passkey.delete()
    return passkey
