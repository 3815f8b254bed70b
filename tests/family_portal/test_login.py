"""Logging in to the family's own view with strong identification (OpenID Connect, against a
real provider), and who may not get in, or get anything more than their own view."""

import pytest
from django.contrib.auth.models import User
from django.test import Client

from perhekeskus.audit.models import AuditEvent
from perhekeskus.family_portal.models import FamilyLogin
from tests.clients.codes import code_for
from tests.family_portal.helpers import family_logs_in, logged_in_as
from tests.professionals import login_professional

pytestmark = pytest.mark.django_db


def test_guardian_logs_in_with_strong_identification_and_sees_the_family(
    client, provider, virtanen
):
    provider.person("anna", national_identification_number=virtanen.codes["mother"])

    back = family_logs_in(client, provider, "anna")

    assert back.status_code == 302 and back["Location"] == "/fi/my/"
    page = client.get("/fi/my/")
    assert page.status_code == 200
    assert "Perhe Virtanen" in page.content.decode()
    login = FamilyLogin.objects.get(person=virtanen.mother)
    assert login.last_login_at is not None
    event = AuditEvent.objects.filter(action="family_portal.login").get()
    assert (event.actor_kind, event.actor_id) == ("family_member", str(virtanen.mother.pk))


def test_the_login_gives_no_password_staff_or_admin_rights(client, provider, virtanen):
    provider.person("anna", national_identification_number=virtanen.codes["mother"])
    family_logs_in(client, provider, "anna")

    user = FamilyLogin.objects.get(person=virtanen.mother).user
    assert not user.has_usable_password()
    assert not (user.is_staff or user.is_superuser)
    assert not hasattr(user, "professional") or user.professional is None
    assert client.get("/fi/admin/").status_code == 302  # to the admin's own login


def test_identity_code_in_a_hetu_claim_logs_in_in_swedish(client, provider, virtanen):
    provider.person("juha", hetu=virtanen.codes["father"])

    back = family_logs_in(client, provider, "juha", lang="sv")

    assert back["Location"] == "/sv/my/"
    assert "Familjen Virtanen" in client.get("/sv/my/").content.decode()


def test_the_same_person_logs_in_again_as_the_same_user(client, provider, virtanen):
    provider.person("anna", national_identification_number=virtanen.codes["mother"])
    family_logs_in(client, provider, "anna")
    client.post("/fi/my/logout/")
    family_logs_in(client, provider, "anna")

    assert FamilyLogin.objects.count() == 1
    assert User.objects.filter(username__startswith="family-").count() == 1


@pytest.mark.parametrize(
    ("lang", "words"),
    [("fi", "et ole perhekeskuksen asiakas"), ("sv", "du är inte klient hos familjecentret")],
)
def test_unknown_identity_code_is_refused_with_a_clear_page(
    client, provider, virtanen, lang, words
):
    from datetime import date

    provider.person("stranger", national_identification_number=code_for(date(1990, 1, 1), 321))

    back = family_logs_in(client, provider, "stranger", lang=lang)

    assert back["Location"] == f"/{lang}/my/login/failed/"
    page = client.get(back["Location"])
    assert page.status_code == 403
    assert words in page.content.decode()
    assert not FamilyLogin.objects.exists()
    assert client.get(f"/{lang}/my/")["Location"] == f"/{lang}/my/login/"


def test_identification_without_any_identity_code_is_refused(client, provider, virtanen):
    provider.person("nocode", email="someone@example.fi")

    back = family_logs_in(client, provider, "nocode")

    assert back["Location"] == "/fi/my/login/failed/"
    assert not FamilyLogin.objects.exists()


def test_family_login_is_off_until_the_provider_is_configured(client, virtanen):
    assert client.get("/oidc/authenticate/").status_code == 404
    page = client.get("/fi/my/login/").content.decode()
    assert 'data-testid="login-off"' in page
    assert 'data-testid="oidc-login"' not in page


def test_demo_login_is_absent_without_debug(client, settings, virtanen):
    settings.DEBUG = False

    page = client.get("/fi/my/login/").content.decode()
    tried = client.post("/fi/my/login/demo/", {"person": virtanen.mother.pk})

    assert 'data-testid="demo-login"' not in page
    assert tried.status_code == 404
    assert client.get("/fi/my/")["Location"] == "/fi/my/login/"
    assert not FamilyLogin.objects.exists()


def test_demo_login_picks_a_family_member_with_debug_on(client, settings, virtanen):
    settings.DEBUG = True

    page = client.get("/fi/my/login/").content.decode()
    logged_in = client.post("/fi/my/login/demo/", {"person": virtanen.mother.pk})

    assert 'data-testid="demo-login"' in page
    assert logged_in["Location"] == "/fi/my/"
    assert client.get("/fi/my/").status_code == 200


def test_a_professionals_session_does_not_open_the_family_view(client, around):
    login_professional(client, around.aino)

    answer = client.get("/fi/my/")

    assert answer.status_code == 302 and answer["Location"] == "/fi/my/login/"
    assert client.get("/fi/workspace/").status_code == 200  # still a professional at work


def test_a_family_login_does_not_open_the_workspace(around):
    client = logged_in_as(Client(), around.virtanen.mother)

    answer = client.get("/fi/workspace/")

    assert answer.status_code in (302, 403)
    assert "Virtanen" not in answer.content.decode()
    assert client.get(f"/fi/workspace/families/{around.virtanen.family.pk}/").status_code in (
        302,
        403,
    )


def test_logout_ends_the_family_session(client, virtanen):
    logged_in_as(client, virtanen.mother)

    client.post("/fi/my/logout/")

    assert client.get("/fi/my/")["Location"] == "/fi/my/login/"


def test_after_the_idle_minutes_the_family_member_is_asked_to_identify_again(
    client, settings, virtanen
):
    from tests.staff.test_sessions import clocks_back

    logged_in_as(client, virtanen.mother)
    assert client.get("/sv/my/").status_code == 200
    clocks_back(client, idle_seconds=settings.PERHEKESKUS_STAFF_IDLE_MINUTES * 60 + 61)

    response = client.get("/sv/my/")

    assert response.status_code == 302
    assert response["Location"].startswith("/sv/my/login/")
    assert "_auth_user_id" not in client.session
