"""The professionals' workspace (työpöytä): the caseload with its deadlines and referrals, and a
family's page, each showing only what the one road to client data lets the professional see."""

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from perhekeskus.audit.models import AuditEvent
from perhekeskus.clients.models import Family, SafetyFlag
from perhekeskus.clients.selectors import age_on
from perhekeskus.processes.models import Door, Kind
from perhekeskus.processes.services import (
    own_worker_assign,
    plan_action_add,
    process_open,
    process_update_plan,
)
from perhekeskus.referrals.models import Referral
from tests.client_processes.helpers import assessment_open
from tests.families.html import parse
from tests.professionals import login_professional
from tests.referrals.around import Around

pytestmark = pytest.mark.django_db

WORKSPACE = "/fi/workspace/"
NOTE = "Isä ei saa tietää perheen olinpaikkaa. Soita vain äidin numeroon."


def family_url(family_id: int, lang: str = "fi") -> str:
    return f"/{lang}/workspace/families/{family_id}/"


def instruct(family: Family, flag: str = SafetyFlag.DO_NOT_DISCLOSE_ADDRESS) -> None:
    """A safety instruction recorded for the family (its own service is not this app's)."""
    Family.objects.filter(pk=family.pk).update(safety_flag=flag, safety_note=NOTE)


def denials(professional, family_id) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(
            actor_id=str(professional.pk),
            action="family.read",
            target_id=str(family_id),
            outcome=AuditEvent.Outcome.DENIED,
        )
    )


# --- Who gets in ------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [WORKSPACE, "/fi/workspace/families/1/"])
def test_an_anonymous_visitor_is_sent_to_the_login(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/fi/staff/login/")


def test_a_password_without_the_second_factor_does_not_open_the_workspace(client, around):
    client.force_login(around.aino.user)  # password accepted, no code from the app yet
    for path in (WORKSPACE, family_url(around.virtanen.family.pk)):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/fi/staff/login/")
    assert b"Virtanen" not in client.get(WORKSPACE, follow=True).content


def test_a_verified_user_without_a_professional_account_is_refused(client, personas):
    user = User.objects.create_user("admin-only")
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    assert client.get(WORKSPACE).status_code == 403


def test_the_menu_leads_to_the_workspace(client, around):
    page = parse(login_professional(client, around.aino).get(WORKSPACE))
    link = page.one("nav-workspace")
    assert link.get("href") == WORKSPACE and link.get("aria-current") == "page"
    assert link.text.strip() == "Työpöytä"


# --- The caseload -----------------------------------------------------------------------------


def test_aino_sees_the_virtanen_family_on_her_caseload_with_its_safety_instruction(client, around):
    instruct(around.virtanen.family)
    assessment_open(around.virtanen, around.aino)

    page = parse(login_professional(client, around.aino).get(WORKSPACE))

    [family] = page.by_testid("caseload-family")
    assert "Virtanen" in family.text
    badge = family.one("safety-badge")
    assert "Turvaohje:" in badge.text
    assert "älä koskaan kerro, missä perhe asuu" in badge.text
    [process] = page.by_testid("caseload-process")
    assert "Seuraava määräaika" in process.text and "Myöhässä" in process.text
    assert not page.by_testid("own-worker")


def test_a_family_without_a_safety_instruction_has_no_badge_and_an_empty_caseload_says_so(
    client, around
):
    page = parse(login_professional(client, around.aino).get(WORKSPACE))
    assert len(page.by_testid("caseload-family")) == 1
    assert not page.by_testid("safety-badge")

    hanna = parse(login_professional(Client(), around.hanna).get(WORKSPACE))
    assert not hanna.by_testid("caseload-family")
    assert "ei ole tällä hetkellä asiakasperheitä" in hanna.one("caseload-empty").text
    assert "ei ole myöhässä" in hanna.one("overdue-empty").text
    assert hanna.one("referrals-waiting-empty") and hanna.one("referrals-not-taken-on-empty")


def test_the_own_worker_sees_it_on_the_caseload_and_the_family_page(client, around):
    process = process_open(
        family_id=around.virtanen.family.pk,
        kind=Kind.MANY_SERVICES,
        door=Door.CLINIC,
        arose_on=timezone.localdate(),
        support_need_words="Tarvitsemme monta palvelua.",
        support_needs=[],
        by=around.aino,
    )
    own_worker_assign(process_id=process.pk, worker=around.aino, reason="", by=around.maija)

    login_professional(client, around.aino)
    page = parse(client.get(WORKSPACE))
    assert page.one("own-worker").text.strip() == "Olet perheen omatyöntekijä"
    family = parse(client.get(family_url(around.virtanen.family.pk)))
    assert family.one("own-worker").text.strip() == "Terveydenhoitaja, Aino"
    maijas = parse(login_professional(Client(), around.maija).get(WORKSPACE))
    assert not maijas.by_testid("own-worker")


def test_overdue_processes_are_listed_with_the_reason(client, around):
    # Opened at the clinic a year ago and never started: both deadlines missed.
    assessment_open(around.virtanen, around.aino)
    process_open(
        family_id=around.virtanen.family.pk,
        kind=Kind.INTAKE,
        door=Door.CLINIC,
        arose_on=timezone.localdate(),
        support_need_words="",
        support_needs=[],
        by=around.aino,
    )

    page = parse(login_professional(client, around.maija).get("/en/workspace/"))

    [row] = page.by_testid("overdue-row")
    assert "Virtanen" in row.text and "Multi-actor service-need assessment" in row.text
    assert "Not started by the due date; not completed by the due date" in row.text
    # The intake opened today has no deadline missed: only the assessment is listed.
    assert "Becoming a client" not in page.one("overdue-section").text
    # Vantaa is told nothing of the county's deadlines.
    kalles = parse(login_professional(Client(), around.kalle).get("/en/workspace/"))
    assert not kalles.by_testid("overdue-row")


def test_referral_sections_list_what_waits_for_the_receiver_and_what_the_sender_must_chase(
    client, around: Around
):
    referral = around.consented_referral()

    kalles = parse(login_professional(Client(), around.kalle).get(WORKSPACE))
    [waiting] = kalles.by_testid("referral-waiting")
    assert str(around.aino.organisation) in waiting.text
    # The inbox names no family: opening the referral does, and is audited.
    assert "Virtanen" not in waiting.text
    ainos = parse(login_professional(client, around.aino).get(WORKSPACE))
    assert not ainos.by_testid("referral-waiting")
    assert not ainos.by_testid("referral-not-taken-on")

    # The receiving date passes without Vantaa receiving the referral.
    Referral.objects.filter(pk=referral.pk).update(
        receive_due=timezone.localdate() - timedelta(days=1)
    )
    ainos = parse(client.get(WORKSPACE))
    [late] = ainos.by_testid("referral-not-taken-on")
    assert "Virtanen" in late.text and "vastaanottoa" in late.text and "Myöhässä" in late.text
    kalles = parse(login_professional(Client(), around.kalle).get(WORKSPACE))
    assert "Myöhässä" in kalles.one("referral-waiting").text
    hannas = parse(login_professional(Client(), around.hanna).get(WORKSPACE))
    assert not hannas.by_testid("referral-waiting") and not hannas.by_testid(
        "referral-not-taken-on"
    )


# --- A family's page --------------------------------------------------------------------------


def test_the_family_page_shows_the_safety_instruction_first_and_ages_not_identity_codes(
    client, around
):
    instruct(around.virtanen.family)
    response = login_professional(client, around.aino).get(family_url(around.virtanen.family.pk))
    assert response.status_code == 200
    html = response.content.decode()
    page = parse(response)

    safety = page.one("safety")
    assert NOTE in safety.text and "Turvaohje" in safety.text
    assert html.index('data-testid="safety"') < html.index('data-testid="members"')
    members = page.by_testid("member")
    assert [m.text.split()[0] for m in members] == ["Juha", "Anna", "Liisa", "Eino"]
    today = timezone.localdate()
    liisa_age = age_on(date_of_birth=around.virtanen.teen.date_of_birth, day=today)
    assert f"{liisa_age} vuotta" in members[2].one("age").text
    assert "kuukau" in members[3].one("age").text  # the baby's age in months
    for code in around.virtanen.codes.values():
        assert code not in html
    # Contact details, but never where the family lives under this instruction.
    assert "040 111 2233" in members[1].text
    assert "Kuusikuja" not in html
    assert len(page.by_testid("address-withheld")) == 4


def test_the_address_is_shown_when_no_instruction_withholds_it(client, around):
    page = parse(login_professional(client, around.aino).get(family_url(around.virtanen.family.pk)))
    assert "ei turvaohjeita" in page.one("safety").text.lower()
    assert "Kuusikuja 3 B 12, 02600 Espoo" in page.by_testid("member")[0].text
    assert not page.by_testid("contact-not-available")


def test_kalle_of_another_organisation_gets_the_same_404_as_for_a_missing_family_and_is_audited(
    client, around
):
    login_professional(client, around.kalle)
    family_id = around.virtanen.family.pk
    missing_id = family_id + 1000

    forbidden = client.get(family_url(family_id))
    missing = client.get(family_url(missing_id))

    assert forbidden.status_code == missing.status_code == 404
    assert forbidden.content == missing.content
    assert b"Virtanen" not in forbidden.content
    assert len(denials(around.kalle, family_id)) == 1
    assert len(denials(around.kalle, missing_id)) == 1
    # The refusal does not tell the log which family it was, when it may not be told.
    assert denials(around.kalle, family_id)[0].family_id == ""


def test_opening_the_family_is_audited_for_each_category_read(client, around):
    assessment_open(around.virtanen, around.aino)
    login_professional(client, around.maija).get(family_url(around.virtanen.family.pk))
    allowed = AuditEvent.objects.filter(
        actor_id=str(around.maija.pk), outcome=AuditEvent.Outcome.ALLOWED
    )
    assert set(allowed.values_list("action", "data_category")) == {
        ("family.read", "basic"),
        ("family.read", "contact"),
        ("process.list", "plan"),
    }
    assert not AuditEvent.objects.filter(
        actor_id=str(around.maija.pk), outcome=AuditEvent.Outcome.DENIED
    ).exists()


def test_a_coordinator_sees_the_plan_and_nothing_of_health_care_information(client, around):
    process = assessment_open(around.virtanen, around.aino)
    process_update_plan(
        process_id=process.pk,
        goals="Vanhemmat saavat nukkua.",
        support_need_words=process.support_need_words,
        support_needs=process.support_needs,
        review_on=None,
        version=process.version,
        by=around.aino,
    )
    plan_action_add(
        process_id=process.pk,
        what="Perhetyön kotikäynnit kahdesti viikossa",
        who=around.aino,
        due_on=date(2026, 1, 15),
        by=around.aino,
    )

    page = parse(
        login_professional(client, around.maija).get(family_url(around.virtanen.family.pk))
    )

    [shown] = page.by_testid("process")
    assert "Vanhemmat saavat nukkua." in shown.one("goals").text
    [action] = shown.by_testid("plan-action")
    assert "Perhetyön kotikäynnit" in action.text and "terveydenhoitaja, Aino" in action.text
    assert "Myöhässä" in action.text
    assert "Emme jaksa enää" in shown.text  # the support need in the family's own words
    assert not page.by_testid("plan-not-available")
    # The health register is a role's own (a nurse's): the coordinator's page reads none of it.
    assert not page.by_testid("health")
    assert not AuditEvent.objects.filter(
        actor_id=str(around.maija.pk), data_category="health"
    ).exists()


def test_the_family_page_lists_the_referrals_its_organisation_sent_or_received(client, around):
    around.consented_referral()
    page = parse(login_professional(client, around.aino).get(family_url(around.virtanen.family.pk)))
    [row] = page.by_testid("family-referral")
    assert "Lähettämämme" in row.text and str(around.vantaa) in row.text
    assert str(around.aino.organisation) in row.text

    # Hanna's NGO cares for the family too, but neither sent nor received the referral.
    from perhekeskus.consent.services import care_relationship_start

    care_relationship_start(family=around.virtanen.family, by=around.hanna, basis="family_request")
    hannas = parse(
        login_professional(Client(), around.hanna).get(family_url(around.virtanen.family.pk))
    )
    assert not hannas.by_testid("family-referral")
    assert hannas.one("referrals-empty")


# --- In Swedish -------------------------------------------------------------------------------


def test_the_pages_render_in_swedish(client, around):
    instruct(around.virtanen.family, SafetyFlag.CONTACT_ONLY_BY_PHONE)
    login_professional(client, around.aino)

    caseload = parse(client.get("/sv/workspace/"))
    assert caseload.find_all("h1")[0].text.strip() == "Arbetsbord"
    headings = [h.text.strip() for h in caseload.find_all("h2")]
    assert headings == [
        "Våra klientfamiljer",
        "Försenad",
        "Remisser som väntar på oss",
        "Remisser vi skickat som ännu inte tagits emot",
    ]
    badge = caseload.one("safety-badge").text
    assert "Säkerhetsanvisning:" in badge and "kontakt endast via det angivna" in badge
    assert caseload.one("caseload-family").find_all("a")[0].get("href") == family_url(
        around.virtanen.family.pk, "sv"
    )

    family = parse(client.get(family_url(around.virtanen.family.pk, "sv")))
    assert family.find_all("h1")[0].text.strip() == "Familjen Virtanen"
    assert [h.text.strip() for h in family.find_all("h2")] == [
        "Säkerhetsanvisning",
        "Familjemedlemmar",
        "Klientprocesser",
        "Remisser",
        "Samtycken",
    ]
    assert "år" in family.by_testid("member")[0].one("age").text
