"""The demo has professionals to log in with: hanna (public health nurse, Espoo) and mikael
(social worker, Vantaa), with the demo password and an authenticator key printed for the
person trying the demo."""

import time
from base64 import b32decode
from io import StringIO

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from perhekeskus.network.demo import DEMO_PASSWORD
from perhekeskus.staff.demo import DEMO_PROFESSIONALS, demo_professionals
from perhekeskus.staff.models import Professional

pytestmark = pytest.mark.django_db


def code_from_printed_key(key: str) -> str:
    """What an authenticator app shows after the key is typed into it by hand."""
    totp = TOTP(b32decode(key.replace(" ", "")), 30, 0, 6, 0)
    totp.time = time.time()
    return f"{totp.token():06d}"


def test_demo_professionals_are_created_with_their_roles_and_places(network):
    out = StringIO()

    created = demo_professionals(stdout=out)

    assert [(p.user.username, p.role, p.municipality.name_fi) for p in created] == [
        ("hanna", Professional.Role.PUBLIC_HEALTH_NURSE, "Espoo"),
        ("mikael", Professional.Role.SOCIAL_WORKER, "Vantaa"),
    ]
    assert created[0].organisation == network.county_org
    assert created[1].organisation == network.vantaa_org
    printed = out.getvalue()
    assert DEMO_PASSWORD in printed
    for spec in DEMO_PROFESSIONALS:
        assert spec.totp_base32 in printed
        assert TOTPDevice.objects.get(user__username=spec.username).confirmed


def test_running_the_demo_twice_changes_nothing(network):
    demo_professionals()
    demo_professionals()

    assert Professional.objects.count() == 2
    assert TOTPDevice.objects.count() == 2


def test_hanna_logs_in_with_the_printed_password_and_key(client, network):
    out = StringIO()
    demo_professionals(stdout=out)
    key = next(line for line in out.getvalue().splitlines() if "hanna" in line).split("key ")[1]

    client.post("/fi/staff/login/", {"username": "hanna", "password": DEMO_PASSWORD})
    response = client.post("/fi/staff/login/verify/", {"token": code_from_printed_key(key)})

    assert response.status_code == 302
    assert response["Location"] == "/fi/staff/inbox/"


def test_the_keys_in_the_documentation_are_the_keys_in_use():
    import perhekeskus.staff.demo as demo

    for spec in DEMO_PROFESSIONALS:
        grouped = " ".join(spec.totp_base32[i : i + 4] for i in range(0, 32, 4))
        assert grouped in (demo.__doc__ or "")
