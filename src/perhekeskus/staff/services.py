"""The second factor: setting up an authenticator app (käyttöönotto) and checking its codes."""

from django.contrib.auth.models import AbstractBaseUser
from django.contrib.sessions.backends.base import SessionBase
from django.db import transaction
from django_otp import verify_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from perhekeskus.staff.selectors import authenticators_of

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
