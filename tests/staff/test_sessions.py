"""A professional who leaves the computer is logged out after the idle time, and every session
ends after its absolute age, however busy. Families, who never log in, get no session and no
cookie from any of this."""

import time

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client

from perhekeskus.staff import sessions
from tests.professionals import Desk, login_professional
from tests.staff.test_login import DESK, LOGIN, text_of

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.staff.urls")]


def at_work(client: Client, desk: Desk) -> Client:
    login_professional(client, desk.aino)
    assert client.get(DESK).status_code == 200
    return client


def clocks_back(client: Client, *, idle_seconds: int = 0, age_seconds: int = 0) -> None:
    """As if the last request came `idle_seconds` ago and the login `age_seconds` ago."""
    session = client.session
    now = int(time.time())
    session[sessions.LAST_ACTIVITY_KEY] = now - idle_seconds
    session[sessions.STARTED_KEY] = now - max(age_seconds, idle_seconds)
    session.save()


def test_after_the_idle_minutes_the_next_page_asks_to_log_in_again(client, desk: Desk):
    at_work(client, desk)
    clocks_back(client, idle_seconds=settings.PERHEKESKUS_STAFF_IDLE_MINUTES * 60 + 61)

    response = client.get(DESK)

    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?next=/fi/staff-test/desk/"
    assert "_auth_user_id" not in client.session
    login_page = client.get(response["Location"])
    assert "Istuntosi päättyi, koska et käyttänyt palvelua 30 minuuttiin" in text_of(login_page)
    assert 'name="next" value="/fi/staff-test/desk/"' in login_page.content.decode()


def test_the_idle_minutes_are_a_setting(client, desk: Desk, settings):
    settings.PERHEKESKUS_STAFF_IDLE_MINUTES = 5
    at_work(client, desk)
    clocks_back(client, idle_seconds=5 * 60 + 1)

    response = client.get(DESK, follow=True)

    assert "Istuntosi päättyi, koska et käyttänyt palvelua 5 minuuttiin" in text_of(response)


def test_working_within_the_idle_time_keeps_her_logged_in(client, desk: Desk):
    at_work(client, desk)
    clocks_back(client, idle_seconds=settings.PERHEKESKUS_STAFF_IDLE_MINUTES * 60 - 60)

    assert client.get(DESK).status_code == 200
    assert client.session[sessions.LAST_ACTIVITY_KEY] >= int(time.time()) - 1
    assert client.get(DESK).status_code == 200


def test_a_session_ends_at_its_absolute_age_even_when_busy(client, desk: Desk):
    at_work(client, desk)
    clocks_back(client, idle_seconds=5, age_seconds=settings.SESSION_COOKIE_AGE + 1)

    response = client.get(DESK)

    assert response["Location"].startswith(LOGIN)
    assert "_auth_user_id" not in client.session


def test_a_timed_out_session_in_swedish_says_so_in_swedish(client, desk: Desk):
    at_work(client, desk)
    clocks_back(client, idle_seconds=settings.PERHEKESKUS_STAFF_IDLE_MINUTES * 60 + 61)

    response = client.get("/sv/staff-test/desk/", follow=True)

    assert "Din session avslutades" in text_of(response)


def test_a_timed_out_form_post_goes_to_the_login_without_a_way_back(client, desk: Desk):
    at_work(client, desk)
    clocks_back(client, idle_seconds=settings.PERHEKESKUS_STAFF_IDLE_MINUTES * 60 + 61)

    response = client.post("/fi/staff/logout/")

    assert response["Location"] == LOGIN


def test_htmx_is_told_to_load_the_whole_login_page(client, desk: Desk):
    at_work(client, desk)
    clocks_back(client, idle_seconds=settings.PERHEKESKUS_STAFF_IDLE_MINUTES * 60 + 61)

    response = client.get(DESK, headers={"HX-Request": "true"})

    assert response.status_code == 200
    assert response["HX-Redirect"] == f"{LOGIN}?next=/fi/staff-test/desk/"


def test_the_api_answers_a_timed_out_caller_as_anyone_not_logged_in(client, desk: Desk):
    at_work(client, desk)
    clocks_back(client, idle_seconds=settings.PERHEKESKUS_STAFF_IDLE_MINUTES * 60 + 61)

    response = client.get("/api/v1/openapi.json")

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_an_idle_admin_session_goes_to_the_admin_login(client, personas):
    client.force_login(personas.olli)
    assert client.get("/fi/admin/").status_code == 200
    clocks_back(client, idle_seconds=settings.PERHEKESKUS_STAFF_IDLE_MINUTES * 60 + 61)

    response = client.get("/fi/admin/")

    assert response["Location"] == "/fi/admin/login/?next=/fi/admin/"


def test_families_get_no_session_cookie(client, desk: Desk):
    for path in ("/fi/", "/fi/staff/login/", DESK):
        response = client.get(path)
        assert settings.SESSION_COOKIE_NAME not in response.cookies, path
    assert settings.SESSION_COOKIE_NAME not in client.cookies


def test_an_unknown_session_cookie_creates_no_session(client, desk: Desk):
    client.cookies[settings.SESSION_COOKIE_NAME] = "no-such-session-key-at-all-0000"

    client.get("/fi/")

    assert not Session.objects.exists()
