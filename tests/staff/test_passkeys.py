"""Passkeys as the second factor: a professional who has logged in with her password and the
code adds a passkey on the passkeys page, names it, and next time uses it after the password
instead of the code. Nobody gets in on a password alone, nor with somebody else's passkey, and a
removed passkey opens nothing.

The ceremonies run over HTTP against django-otp-webauthn's views, with a small software
authenticator (an EC P-256 key, "packed" self-attestation) standing in for the browser.
"""

import base64
import hashlib
import json
import re
import secrets
from dataclasses import dataclass, field
from typing import Any

import cbor2
import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from django.conf import settings
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp_webauthn.models import WebAuthnCredential

from tests.personas import PASSWORD
from tests.professionals import Desk, login_professional, totp_device
from tests.staff.conftest import code_now

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.staff.urls")]

LOGIN = "/fi/staff/login/"
VERIFY = "/fi/staff/login/verify/"
PASSKEYS = "/fi/staff/passkeys/"
NAME = "/fi/staff/passkeys/name/"
INBOX = "/fi/staff/inbox/"
DESK = "/fi/staff-test/desk/"
API = "/fi/staff/webauthn/"
ORIGIN = "http://testserver"


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def text_of(response) -> str:
    html = response.content.decode()
    html = re.sub(r"<(script|style|svg|template)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@dataclass
class Authenticator:
    """A platform authenticator in software: one key pair per credential it creates."""

    origin: str = ORIGIN
    keys: dict[bytes, ec.EllipticCurvePrivateKey] = field(default_factory=dict)
    counts: dict[bytes, int] = field(default_factory=dict)
    handles: dict[bytes, bytes] = field(default_factory=dict)

    def _client_data(self, kind: str, challenge: str) -> bytes:
        return json.dumps(
            {"type": kind, "challenge": challenge, "origin": self.origin, "crossOrigin": False}
        ).encode()

    def create(self, options: dict[str, Any]) -> dict[str, Any]:
        """navigator.credentials.create(): a new key, attested with itself ("packed")."""
        key = ec.generate_private_key(ec.SECP256R1())
        numbers = key.public_key().public_numbers()
        cose_key = cbor2.dumps(
            {
                1: 2,
                3: -7,
                -1: 1,
                -2: numbers.x.to_bytes(32, "big"),
                -3: numbers.y.to_bytes(32, "big"),
            }
        )
        credential_id = secrets.token_bytes(32)
        self.keys[credential_id] = key
        self.counts[credential_id] = 0
        self.handles[credential_id] = unb64url(options["user"]["id"])
        rp_id_hash = hashlib.sha256(options["rp"]["id"].encode()).digest()
        flags = 0x01 | 0x04 | 0x40  # user present, user verified, credential data included
        auth_data = (
            rp_id_hash
            + bytes([flags])
            + (0).to_bytes(4, "big")
            + bytes(16)  # AAGUID
            + len(credential_id).to_bytes(2, "big")
            + credential_id
            + cose_key
        )
        client_data = self._client_data("webauthn.create", options["challenge"])
        signature = key.sign(
            auth_data + hashlib.sha256(client_data).digest(), ec.ECDSA(hashes.SHA256())
        )
        attestation = cbor2.dumps(
            {"fmt": "packed", "attStmt": {"alg": -7, "sig": signature}, "authData": auth_data}
        )
        return {
            "id": b64url(credential_id),
            "rawId": b64url(credential_id),
            "type": "public-key",
            "authenticatorAttachment": "platform",
            "response": {
                "clientDataJSON": b64url(client_data),
                "attestationObject": b64url(attestation),
                "transports": ["internal"],
            },
            "clientExtensionResults": {"credProps": {"rk": True}},
        }

    def get(self, options: dict[str, Any], *, credential_id: bytes | None = None) -> dict[str, Any]:
        """navigator.credentials.get(): sign the challenge with one of the keys offered."""
        offered = [unb64url(c["id"]) for c in options.get("allowCredentials", [])]
        if credential_id is None:
            credential_id = next(c for c in offered if c in self.keys)
        key = self.keys[credential_id]
        self.counts[credential_id] += 1
        rp_id_hash = hashlib.sha256(options["rpId"].encode()).digest()
        auth_data = (
            rp_id_hash + bytes([0x01 | 0x04]) + self.counts[credential_id].to_bytes(4, "big")
        )
        client_data = self._client_data("webauthn.get", options["challenge"])
        signature = key.sign(
            auth_data + hashlib.sha256(client_data).digest(), ec.ECDSA(hashes.SHA256())
        )
        return {
            "id": b64url(credential_id),
            "rawId": b64url(credential_id),
            "type": "public-key",
            "authenticatorAttachment": "platform",
            "response": {
                "clientDataJSON": b64url(client_data),
                "authenticatorData": b64url(auth_data),
                "signature": b64url(signature),
                "userHandle": b64url(self.handles[credential_id]),
            },
            "clientExtensionResults": {},
        }


def api_post(client: Client, step: str, body: dict[str, Any] | None = None, **query: str):
    url = API + step
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return client.post(url, json.dumps(body) if body else "", content_type="application/json")


def register_passkey(client: Client, authenticator: Authenticator, name: str = "") -> int:
    """The passkeys page's button, then the name: as the page's scripts do it."""
    options = api_post(client, "registration/begin/")
    assert options.status_code == 200, options.content
    done = api_post(client, "registration/complete/", authenticator.create(options.json()))
    assert done.status_code == 200, done.content
    credential = done.json()["id"]
    named = client.post(NAME, {"credential": credential, "name": name})
    assert named.status_code == 302
    return int(credential)


def past_password(client: Client, username: str):
    return client.post(LOGIN, {"username": username, "password": PASSWORD})


def passkey_login(client: Client, authenticator: Authenticator, **kwargs: Any):
    options = api_post(client, "authentication/begin/")
    assert options.status_code == 200, options.content
    return api_post(client, "authentication/complete/", authenticator.get(options.json(), **kwargs))


@pytest.fixture
def aino_with_passkey(desk: Desk) -> Authenticator:
    """Aino has logged in with the code once and added her laptop's passkey."""
    laptop = Authenticator()
    register_passkey(login_professional(Client(), desk.aino), laptop, name="Työläppäri")
    return laptop


# --- Adding, naming, listing --------------------------------------------------------------------


def test_aino_adds_a_passkey_after_the_code_and_sees_it_by_its_name(client, desk: Desk):
    login_professional(client, desk.aino)
    page = client.get(PASSKEYS)
    assert page.status_code == 200
    assert "Sinulla ei ole vielä pääsyavaimia." in text_of(page)
    html = page.content.decode()
    assert "/static/django_otp_webauthn/otp_webauthn_register.js" in html
    assert 'id="passkey-register-button"' in html
    assert "https://" not in re.sub(r"<a [^>]*>", "", html.split("<main", 1)[1])  # no CDN

    register_passkey(client, Authenticator(), name="Työläppäri")

    page = client.get(PASSKEYS)
    assert "Pääsyavain ”Työläppäri” on lisätty." in text_of(page)
    assert "Työläppäri" in text_of(page)
    passkey = WebAuthnCredential.objects.get()
    assert passkey.user == desk.aino.user
    assert passkey.name == "Työläppäri"


def test_the_passkeys_page_speaks_swedish(client, desk: Desk):
    login_professional(client, desk.aino)
    page = client.get("/sv/staff/passkeys/")
    assert page.status_code == 200
    assert "Nycklar" in text_of(page)
    assert 'lang="sv"' in page.content.decode()


def test_the_script_strings_of_the_passkey_buttons_are_in_finnish_and_swedish(client):
    finnish = client.get("/fi/staff/webauthn/jsi18n/").content.decode()
    swedish = client.get("/sv/staff/webauthn/jsi18n/").content.decode()
    assert "Vahvistetaan" in finnish
    assert "Verifierar" in swedish


def test_a_name_too_long_is_refused_and_kept_for_correcting(client, desk: Desk):
    login_professional(client, desk.aino)
    options = api_post(client, "registration/begin/").json()
    credential = api_post(client, "registration/complete/", Authenticator().create(options)).json()[
        "id"
    ]

    page = client.post(NAME, {"credential": credential, "name": "x" * 65})

    assert page.status_code == 400
    assert "x" * 65 in page.content.decode()
    fixed = client.post(NAME, {"credential": credential, "name": "Puhelin"})
    assert fixed.status_code == 302
    assert WebAuthnCredential.objects.get().name == "Puhelin"


def test_a_passkey_without_a_name_is_listed_as_such(client, desk: Desk):
    login_professional(client, desk.aino)
    register_passkey(client, Authenticator(), name="")
    assert "Nimetön pääsyavain" in text_of(client.get(PASSKEYS))


def test_nobody_can_name_another_professionals_passkey(client, desk: Desk, aino_with_passkey):
    login_professional(client, desk.kalle)
    aino_passkey = WebAuthnCredential.objects.get()

    response = client.post(NAME, {"credential": aino_passkey.pk, "name": "Kallen"})

    assert response.status_code == 404
    aino_passkey.refresh_from_db()
    assert aino_passkey.name == "Työläppäri"


# --- Who may add one ----------------------------------------------------------------------------


def test_with_only_a_password_nobody_can_add_a_passkey_nor_becomes_verified(client, desk: Desk):
    """Aino has no authenticator app yet: the app's own rule would let her register a passkey
    and count it as her second factor. Ours does not."""
    past_password(client, "aino")

    begin = api_post(client, "registration/begin/")
    complete = api_post(client, "registration/complete/", {"id": "x"})

    assert begin.status_code == 403
    assert complete.status_code == 403
    assert WebAuthnCredential.objects.count() == 0
    assert DEVICE_ID_SESSION_KEY not in client.session
    assert client.get(DESK).status_code == 302
    assert client.get(PASSKEYS)["Location"].startswith(LOGIN)


def test_past_the_password_but_not_the_code_nobody_can_add_a_passkey(client, desk: Desk):
    totp_device(desk.aino)
    past_password(client, "aino")

    begin = api_post(client, "registration/begin/")

    assert begin.status_code == 403
    assert "todennussovelluksen koodilla" in begin.json()["detail"]  # in her language
    assert client.get(DESK).status_code == 302


def test_an_anonymous_visitor_cannot_add_a_passkey(client, desk: Desk):
    assert api_post(client, "registration/begin/").status_code == 403
    assert client.get(PASSKEYS).status_code == 302


# --- Logging in with it -------------------------------------------------------------------------


def test_aino_logs_in_with_her_password_and_her_passkey_instead_of_the_code(
    client, desk: Desk, aino_with_passkey
):
    after_password = past_password(client, "aino")
    assert after_password["Location"] == VERIFY
    code_page = client.get(VERIFY)
    assert 'id="passkey-verification-button"' in code_page.content.decode()
    assert "/static/django_otp_webauthn/otp_webauthn_auth.js" in code_page.content.decode()
    half_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert client.get(DESK).status_code == 302

    done = passkey_login(client, aino_with_passkey)

    assert done.status_code == 200, done.content
    assert done.json()["redirect_url"] == INBOX
    assert client.cookies[settings.SESSION_COOKIE_NAME].value != half_key
    passkey = WebAuthnCredential.objects.get()
    assert client.session[DEVICE_ID_SESSION_KEY] == passkey.persistent_id
    assert passkey.last_used_at is not None
    desk_page = client.get(DESK)
    assert desk_page.status_code == 200
    assert desk_page.wsgi_request.user.is_verified()
    assert "Terveydenhoitaja" in text_of(desk_page)


def test_the_passkey_login_returns_to_the_page_she_was_going_to(
    client, desk: Desk, aino_with_passkey
):
    client.post(LOGIN, {"username": "aino", "password": PASSWORD, "next": DESK})
    options = api_post(client, "authentication/begin/").json()

    done = api_post(client, "authentication/complete/", aino_with_passkey.get(options), next=DESK)
    assert done.json()["redirect_url"] == DESK

    client.logout()
    client.post(LOGIN, {"username": "aino", "password": PASSWORD})
    options = api_post(client, "authentication/begin/").json()
    elsewhere = api_post(
        client,
        "authentication/complete/",
        aino_with_passkey.get(options),
        next="https://evil.example/",
    )
    assert elsewhere.json()["redirect_url"] == INBOX


def test_the_code_step_offers_a_passkey_only_to_who_has_one(client, desk: Desk):
    totp_device(desk.aino)
    past_password(client, "aino")
    page = client.get(VERIFY).content.decode()
    assert "passkey-verification-button" not in page
    assert "otp_webauthn" not in page


def test_the_code_still_works_for_a_professional_with_a_passkey(
    client, desk: Desk, aino_with_passkey
):
    phone = totp_device(desk.aino)
    past_password(client, "aino")

    after_code = client.post(VERIFY, {"token": code_now(phone)})

    assert after_code["Location"] == INBOX
    assert client.session[DEVICE_ID_SESSION_KEY] == phone.persistent_id
    assert client.get(DESK).status_code == 200


def test_kalle_cannot_log_in_with_ainos_passkey(client, desk: Desk, aino_with_passkey):
    totp_device(desk.kalle)
    past_password(client, "kalle")
    options = api_post(client, "authentication/begin/").json()
    assert options.get("allowCredentials", []) == []  # Kalle has none of his own
    aino_credential = next(iter(aino_with_passkey.keys))

    refused = api_post(
        client,
        "authentication/complete/",
        aino_with_passkey.get(options, credential_id=aino_credential),
    )

    assert refused.status_code == 403
    assert refused.json()["code"] == "credential_user_mismatch"
    assert DEVICE_ID_SESSION_KEY not in client.session
    assert client.get(DESK).status_code == 302


def test_without_the_password_a_passkey_lets_nobody_in(client, desk: Desk, aino_with_passkey):
    """Passwordless login is off: the passkey is a second factor only."""
    begin = api_post(client, "authentication/begin/")
    complete = api_post(client, "authentication/complete/", {"id": "x"})

    assert begin.status_code == 403
    assert complete.status_code == 403
    assert "_auth_user_id" not in client.session
    assert client.get(DESK).status_code == 302


def test_a_forged_signature_is_refused(client, desk: Desk, aino_with_passkey):
    past_password(client, "aino")
    options = api_post(client, "authentication/begin/").json()
    assertion = aino_with_passkey.get(options)
    signature = bytearray(unb64url(assertion["response"]["signature"]))
    signature[-1] ^= 0x01
    assertion["response"]["signature"] = b64url(bytes(signature))

    refused = api_post(client, "authentication/complete/", assertion)

    assert refused.status_code == 422
    assert client.get(DESK).status_code == 302


def test_an_answer_is_accepted_once(client, desk: Desk, aino_with_passkey):
    past_password(client, "aino")
    options = api_post(client, "authentication/begin/").json()
    assertion = aino_with_passkey.get(options)
    assert api_post(client, "authentication/complete/", assertion).status_code == 200
    client.logout()
    past_password(client, "aino")

    replayed = api_post(client, "authentication/complete/", assertion)

    assert replayed.status_code == 400
    assert client.get(DESK).status_code == 302


def test_a_passkey_made_for_another_site_is_refused(client, desk: Desk, settings):
    settings.PERHEKESKUS_PASSKEY_ORIGINS = ["https://perhekeskus.example.fi"]
    login_professional(client, desk.aino)
    options = api_post(client, "registration/begin/").json()

    refused = api_post(client, "registration/complete/", Authenticator().create(options))

    assert refused.status_code == 422
    assert WebAuthnCredential.objects.count() == 0


def test_the_relying_party_is_the_configured_domain(client, desk: Desk, settings):
    settings.PERHEKESKUS_PASSKEY_RP_ID = "perhekeskus.example.fi"
    login_professional(client, desk.aino)
    options = api_post(client, "registration/begin/").json()
    assert options["rp"] == {"id": "perhekeskus.example.fi", "name": "Perhekeskus"}


# --- Removing one -------------------------------------------------------------------------------


def test_aino_removes_her_passkey_and_it_opens_nothing_any_more(
    client, desk: Desk, aino_with_passkey
):
    login_professional(client, desk.aino)
    passkey = WebAuthnCredential.objects.get()

    removed = client.post(f"/fi/staff/passkeys/{passkey.pk}/remove/")

    assert removed["Location"] == PASSKEYS
    page = text_of(client.get(PASSKEYS))
    assert "Pääsyavain ”Työläppäri” on poistettu." in page
    assert "Sinulla ei ole vielä pääsyavaimia." in page
    assert WebAuthnCredential.objects.count() == 0
    client.logout()
    past_password(client, "aino")
    options = api_post(client, "authentication/begin/").json()
    aino_credential = next(iter(aino_with_passkey.keys))
    refused = api_post(
        client,
        "authentication/complete/",
        aino_with_passkey.get(options, credential_id=aino_credential),
    )
    assert refused.status_code == 404
    assert client.get(DESK).status_code == 302


def test_removing_needs_a_verified_session(client, desk: Desk, aino_with_passkey):
    passkey = WebAuthnCredential.objects.get()
    past_password(client, "aino")

    response = client.post(f"/fi/staff/passkeys/{passkey.pk}/remove/")

    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    assert WebAuthnCredential.objects.filter(pk=passkey.pk).exists()


def test_nobody_can_remove_another_professionals_passkey(client, desk: Desk, aino_with_passkey):
    passkey = WebAuthnCredential.objects.get()
    login_professional(client, desk.kalle)

    response = client.post(f"/fi/staff/passkeys/{passkey.pk}/remove/")

    assert response.status_code == 404
    assert WebAuthnCredential.objects.filter(pk=passkey.pk).exists()


def test_removing_is_a_post_only(client, desk: Desk, aino_with_passkey):
    passkey = WebAuthnCredential.objects.get()
    login_professional(client, desk.aino)
    assert client.get(f"/fi/staff/passkeys/{passkey.pk}/remove/").status_code == 405
    assert WebAuthnCredential.objects.filter(pk=passkey.pk).exists()


# --- The demo at an IP address ------------------------------------------------------------------


def test_at_a_loopback_ip_address_the_page_points_to_localhost(client, desk: Desk, settings):
    """Browsers refuse passkeys for an IP address: the demo at 127.0.0.1 says where they work."""
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    login_professional(client, desk.aino)

    page = client.get(PASSKEYS, HTTP_HOST="127.0.0.1:8000")

    assert "http://localhost:8000/fi/staff/passkeys/" in page.content.decode()
    assert "passkey-register-button" not in page.content.decode()


def test_at_an_ip_address_the_code_step_offers_no_passkey(client, desk: Desk, settings):
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    login_professional(Client(), desk.aino)  # her TOTP device
    WebAuthnCredential.objects.create(
        user=desk.aino.user, name="x", credential_id=b"1", public_key=b"", sign_count=0
    )
    client.post(LOGIN, {"username": "aino", "password": PASSWORD}, HTTP_HOST="127.0.0.1:8000")

    page = client.get(VERIFY, HTTP_HOST="127.0.0.1:8000").content.decode()

    assert "passkey-verification-button" not in page


def test_resetting_a_lost_phone_removes_her_passkeys_too(
    client, desk: Desk, personas, aino_with_passkey
):
    client.force_login(personas.olli)  # the county's data maintainer

    client.post(
        "/fi/admin/staff/professional/",
        {"action": "second_factor_reset", "_selected_action": [desk.aino.pk]},
    )

    assert not WebAuthnCredential.objects.filter(user=desk.aino.user).exists()
    other = Client()
    past_password(other, "aino")
    assert other.get(VERIFY)["Location"] == "/fi/staff/login/enrol/"
