"""A professional logs in with a password and then a code from the authenticator app on her
phone; the first time she sets the app up with a QR code. Nobody gets in on the password alone,
wrong passwords and codes slow the guesser down, and the way back after the login never leads
to another site."""

import re
import time
from base64 import b32encode

import pytest
from django.conf import settings
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.personas import PASSWORD
from tests.professionals import Desk, login_professional, totp_device
from tests.staff.conftest import code_now, wrong_code

LOGIN = "/fi/staff/login/"
VERIFY = "/fi/staff/login/verify/"
ENROL = "/fi/staff/login/enrol/"
LOGOUT = "/fi/staff/logout/"
INBOX = "/fi/staff/inbox/"
DESK = "/fi/staff-test/desk/"

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.staff.urls")]


def text_of(response) -> str:
    html = response.content.decode()
    html = re.sub(r"<(script|style|svg)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def password_step(client: Client, username: str, password: str = PASSWORD, **extra: str):
    return client.post(LOGIN, {"username": username, "password": password, **extra})


def logged_in_user(client: Client) -> str | None:
    return client.session.get("_auth_user_id")


def test_aino_logs_in_with_password_and_code_and_lands_in_the_inbox(client, desk: Desk):
    phone = totp_device(desk.aino)
    page = client.get(LOGIN)
    assert page.status_code == 200
    assert 'autocomplete="username"' in page.content.decode()
    assert 'autocomplete="current-password"' in page.content.decode()
    client.session.save()
    anonymous_key = client.session.session_key

    after_password = password_step(client, "aino")

    assert after_password.status_code == 302
    assert after_password["Location"] == VERIFY
    assert client.cookies[settings.SESSION_COOKIE_NAME].value != anonymous_key
    half_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    code_page = client.get(VERIFY)
    assert "Vahvistuskoodi" in text_of(code_page)
    assert 'autocomplete="one-time-code"' in code_page.content.decode()

    after_code = client.post(VERIFY, {"token": code_now(phone)})

    assert after_code.status_code == 302
    assert after_code["Location"] == INBOX
    assert client.cookies[settings.SESSION_COOKIE_NAME].value != half_key
    assert client.session[DEVICE_ID_SESSION_KEY] == phone.persistent_id
    desk_page = client.get(DESK)
    assert desk_page.status_code == 200
    assert "Terveydenhoitaja" in text_of(desk_page)


def test_the_password_alone_does_not_let_anyone_in(client, desk: Desk):
    totp_device(desk.aino)
    password_step(client, "aino")

    response = client.get(DESK)

    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?next=/fi/staff-test/desk/"
    back_at_login = client.get(response["Location"])
    assert back_at_login["Location"] == f"{VERIFY}?next=%2Ffi%2Fstaff-test%2Fdesk%2F"


def test_a_wrong_password_gets_the_same_answer_as_an_unknown_username(client, desk: Desk):
    wrong_password = password_step(client, "aino", "not-her-password")
    no_such_user = password_step(client, "ainoo", "not-her-password")

    for response in (wrong_password, no_such_user):
        assert response.status_code == 200
        assert "Käyttäjätunnus tai salasana on väärä" in text_of(response)
        assert 'data-testid="error-summary"' in response.content.decode()
    assert 'value="aino"' in wrong_password.content.decode()
    assert 'value="ainoo"' in no_such_user.content.decode()
    assert "not-her-password" not in wrong_password.content.decode()
    assert logged_in_user(client) is None


def test_an_empty_form_asks_for_both_fields(client, desk: Desk):
    response = client.post(LOGIN, {"username": "", "password": ""})

    assert "Anna käyttäjätunnuksesi" in text_of(response)
    assert "Anna salasanasi" in text_of(response)
    assert 'aria-invalid="true"' in response.content.decode()


def test_a_deactivated_account_cannot_log_in(client, desk: Desk):
    desk.aino.user.is_active = False
    desk.aino.user.save()

    response = password_step(client, "aino")

    assert "Käyttäjätunnus tai salasana on väärä" in text_of(response)
    assert logged_in_user(client) is None


def test_a_wrong_code_keeps_her_at_the_code_step_and_the_right_one_lets_her_in(client, desk: Desk):
    phone = totp_device(desk.aino)
    password_step(client, "aino")

    wrong = client.post(VERIFY, {"token": wrong_code(phone)})
    malformed = client.post(VERIFY, {"token": "12ab"})

    assert wrong.status_code == 200
    assert "Koodi on väärä tai vanhentunut" in text_of(wrong)
    assert "6 numeroa" in text_of(malformed)
    assert client.get(DESK).status_code == 302
    right = client.post(VERIFY, {"token": code_now(phone)})
    assert right["Location"] == INBOX
    assert client.get(DESK).status_code == 200


def test_a_code_works_only_once(client, desk: Desk):
    phone = totp_device(desk.aino)
    code = code_now(phone)
    password_step(client, "aino")
    client.post(VERIFY, {"token": code})
    client.post(LOGOUT)
    other = Client()
    password_step(other, "aino")

    replayed = other.post(VERIFY, {"token": code})

    assert "Koodi on väärä tai vanhentunut" in text_of(replayed)


def test_a_code_typed_with_a_space_is_accepted(client, desk: Desk):
    phone = totp_device(desk.aino)
    password_step(client, "aino")
    code = code_now(phone)

    response = client.post(VERIFY, {"token": f"{code[:3]} {code[3:]}"})

    assert response["Location"] == INBOX


def test_first_login_sets_up_the_app_with_a_qr_code_and_a_first_code(client, desk: Desk):
    after_password = password_step(client, "aino")
    assert after_password["Location"] == ENROL

    page = client.get(ENROL)

    html = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in html and "<img" not in html
    assert 'role="img"' in html
    device = TOTPDevice.objects.get(user=desk.aino.user)
    assert device.confirmed is False
    secret = re.search(r'data-testid="secret">([A-Z2-7 ]+)<', html)
    assert secret is not None
    assert secret.group(1).replace(" ", "") == b32encode(device.bin_key).decode().rstrip("=")
    assert "otpauth://totp/Perhekeskus%3Aaino?" in html
    assert client.get(ENROL).content.decode().count(secret.group(1)) == 1  # the same key again
    assert client.get(DESK).status_code == 302

    wrong = client.post(ENROL, {"token": wrong_code(device)})
    assert "Koodi on väärä tai vanhentunut" in text_of(wrong)
    assert secret.group(1) in wrong.content.decode()

    confirmed = client.post(ENROL, {"token": code_now(device)})

    assert confirmed["Location"] == INBOX
    device.refresh_from_db()
    assert device.confirmed is True
    assert client.get(DESK).status_code == 200


def test_once_the_app_is_set_up_the_next_login_asks_for_its_code(client, desk: Desk):
    password_step(client, "aino")
    client.get(ENROL)
    device = TOTPDevice.objects.get(user=desk.aino.user)
    client.post(ENROL, {"token": code_now(device)})
    client.post(LOGOUT)

    again = password_step(client, "aino")

    assert again["Location"] == VERIFY
    assert client.get(ENROL)["Location"] == VERIFY  # no second app behind her back
    assert TOTPDevice.objects.filter(user=desk.aino.user).count() == 1


def test_another_browser_gets_a_fresh_key_while_the_app_is_not_yet_set_up(desk: Desk):
    first, second = Client(), Client()
    password_step(first, "aino")
    first.get(ENROL)
    first_key = TOTPDevice.objects.get(user=desk.aino.user).key

    password_step(second, "aino")
    second.get(ENROL)

    devices = TOTPDevice.objects.filter(user=desk.aino.user)
    assert devices.count() == 1
    assert devices.get().key != first_key


def test_repeated_wrong_passwords_make_the_username_wait(client, desk: Desk, monkeypatch):
    for _ in range(5):
        password_step(client, "aino", "guess")

    locked = password_step(client, "aino")

    assert locked.status_code == 429
    assert "Liian monta epäonnistunutta yritystä. Odota 5 minuuttia" in text_of(locked)
    assert logged_in_user(client) is None
    assert password_step(Client(), "maija")["Location"] in (VERIFY, ENROL)  # others go on

    later = time.time() + 5 * 60 + 1
    monkeypatch.setattr(time, "time", lambda: later)
    assert password_step(client, "aino")["Location"] == ENROL


def test_a_success_forgets_the_earlier_wrong_passwords(client, desk: Desk):
    for _ in range(4):
        password_step(client, "aino", "guess")
    password_step(client, "aino")
    client.post(LOGOUT)
    for _ in range(4):
        password_step(client, "aino", "guess")

    assert password_step(client, "aino")["Location"] == ENROL


def test_repeated_wrong_codes_make_the_username_wait(client, desk: Desk):
    phone = totp_device(desk.aino)
    password_step(client, "aino")
    for _ in range(5):
        client.post(VERIFY, {"token": wrong_code(phone)})

    locked = client.post(VERIFY, {"token": code_now(phone)})

    assert locked.status_code == 429
    assert "Liian monta epäonnistunutta yritystä" in text_of(locked)
    assert client.get(DESK).status_code == 302


def test_after_a_wrong_code_the_app_pauses_for_a_moment(client, desk: Desk, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 60
    phone = totp_device(desk.aino)
    password_step(client, "aino")
    client.post(VERIFY, {"token": wrong_code(phone)})

    paused = client.post(VERIFY, {"token": code_now(phone)})

    assert paused.status_code == 429
    assert "Odota hetki" in text_of(paused)


def test_the_way_back_is_kept_through_both_steps(client, desk: Desk):
    phone = totp_device(desk.aino)
    back = "/fi/staff/inbox/?queue=3"

    first = password_step(client, "aino", next=back)
    assert first["Location"] == f"{VERIFY}?next=%2Ffi%2Fstaff%2Finbox%2F%3Fqueue%3D3"
    page = client.get(first["Location"])
    assert 'name="next" value="/fi/staff/inbox/?queue=3"' in page.content.decode()

    done = client.post(VERIFY, {"token": code_now(phone), "next": back})

    assert done["Location"] == back


@pytest.mark.parametrize(
    "elsewhere", ["https://evil.example/inbox/", "//evil.example/", "javascript:alert(1)"]
)
def test_a_way_back_to_another_site_is_ignored(client, desk: Desk, elsewhere: str):
    phone = totp_device(desk.aino)

    first = password_step(client, "aino", next=elsewhere)
    done = client.post(VERIFY, {"token": code_now(phone), "next": elsewhere})

    assert first["Location"] == VERIFY
    assert done["Location"] == INBOX


def test_the_login_page_sends_a_professional_at_work_straight_on(client, desk: Desk):
    login_professional(client, desk.aino)

    assert client.get(LOGIN)["Location"] == INBOX
    assert client.get(VERIFY)["Location"] == INBOX


def test_the_code_step_without_the_password_step_goes_back_to_the_login(client, desk: Desk):
    assert client.get(VERIFY)["Location"] == LOGIN
    assert client.get(ENROL)["Location"] == LOGIN
    assert client.post(VERIFY, {"token": "123456"})["Location"] == LOGIN


def test_an_account_without_a_professional_role_is_told_so(client, personas):
    response = password_step(client, "leena")

    assert response.status_code == 403
    assert "ei ole ammattilaisen roolia" in text_of(response)
    assert logged_in_user(client) is None
    assert not TOTPDevice.objects.filter(user=personas.leena).exists()


def test_an_admin_session_without_a_role_gets_no_authenticator(client, personas):
    client.force_login(personas.leena)

    response = client.get(ENROL)

    assert response.status_code == 403
    assert not TOTPDevice.objects.filter(user=personas.leena).exists()


def test_a_verified_user_without_a_role_is_refused_at_staff_pages(client, desk: Desk):
    login_professional(client, desk.aino)
    desk.aino.delete()

    assert client.get(DESK).status_code == 403


def test_logging_out_needs_a_post_and_ends_the_session(client, desk: Desk):
    login_professional(client, desk.aino)

    assert client.get(LOGOUT).status_code == 405
    assert client.get(DESK).status_code == 200
    response = client.post(LOGOUT, follow=True)

    assert response.redirect_chain[0][0] == LOGIN
    assert "Olet kirjautunut ulos" in text_of(response)
    assert logged_in_user(client) is None
    assert client.get(DESK).status_code == 302


def test_logging_out_is_protected_against_cross_site_requests(desk: Desk):
    client = Client(enforce_csrf_checks=True)
    login_professional(client, desk.aino)

    assert client.post(LOGOUT).status_code == 403
    assert client.get(DESK).status_code == 200


def test_the_login_speaks_swedish(client, desk: Desk):
    phone = totp_device(desk.aino)
    page = client.get("/sv/staff/login/")
    assert "Logga in" in text_of(page)
    assert "Användarnamn" in text_of(page)
    assert "Lösenord" in text_of(page)
    assert '<html lang="sv">' in page.content.decode()

    wrong = client.post("/sv/staff/login/", {"username": "aino", "password": "x"})
    assert "Användarnamnet eller lösenordet är fel" in text_of(wrong)

    client.post("/sv/staff/login/", {"username": "aino", "password": PASSWORD})
    code_page = client.get("/sv/staff/login/verify/")
    assert "Verifieringskod" in text_of(code_page)
    wrong_code_page = client.post("/sv/staff/login/verify/", {"token": wrong_code(phone)})
    assert "Koden är fel eller har gått ut" in text_of(wrong_code_page)
    done = client.post("/sv/staff/login/verify/", {"token": code_now(phone)})
    assert done["Location"] == "/sv/staff/inbox/"


def test_the_enrolment_speaks_swedish(client, desk: Desk):
    client.post("/sv/staff/login/", {"username": "aino", "password": PASSWORD})

    page = client.get("/sv/staff/login/enrol/")

    assert "autentiseringsapp" in text_of(page)
    assert "QR-kod" in page.content.decode()
