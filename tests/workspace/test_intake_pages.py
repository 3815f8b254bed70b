"""Intake (asiakkaaksi tulo) in the workspace: a professional registers a family that came
through a door, its members, the organisation's care and a client process, all in one go or
not at all; and opens a new process for a family already in care."""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from perhekeskus.audit.models import AuditEvent
from perhekeskus.clients.models import Family, Person
from perhekeskus.consent.models import CareRelationship
from perhekeskus.processes.models import ClientProcess, Door, Kind
from tests.clients.codes import code_for
from tests.families.html import parse
from tests.professionals import login_professional

pytestmark = pytest.mark.django_db

INTAKE = "/fi/workspace/intake/"
MOTHER_BORN = date(1990, 4, 12)
CHILD_BORN = date(2023, 2, 3)
WORDS = "Äiti kertoo kohtaamispaikassa, ettei jaksa: lapsi ei nuku ja isä on töissä viikot."


def intake_data(**overrides: str) -> dict[str, str]:
    """Hanna's intake of the Korhonen family she met at the family café."""
    data = {
        "family_name": "Korhonen",
        "safety_flag": "none",
        "safety_note": "",
        "door": Door.MEETING_PLACE,
        "kind": Kind.MANY_SERVICES,
        "arose_on": timezone.localdate().isoformat(),
        "support_need_words": WORDS,
        "support_needs": ["exhaustion", "baby_sleep"],
        "member-0-given_names": "Sanna",
        "member-0-family_name": "Korhonen",
        "member-0-relation": "guardian",
        "member-0-date_of_birth": MOTHER_BORN.isoformat(),
        "member-0-identity_code": code_for(MOTHER_BORN, 224),
        "member-0-phone": "050 123 4567",
        "member-1-given_names": "Veeti",
        "member-1-family_name": "Korhonen",
        "member-1-relation": "child",
        "member-1-date_of_birth": CHILD_BORN.isoformat(),
    }
    data.update(overrides)
    return data


def test_a_half_logged_in_worker_is_sent_to_the_login(client, around):
    client.force_login(around.hanna.user)
    response = client.get(INTAKE)
    assert response.status_code == 302 and response["Location"].startswith("/fi/staff/login/")
    response = client.post(INTAKE, intake_data())
    assert response.status_code == 302 and response["Location"].startswith("/fi/staff/login/")
    assert not Family.objects.filter(name="Korhonen").exists()


def test_the_intake_form_offers_six_member_rows_in_finnish_and_swedish(client, around):
    login_professional(client, around.hanna)
    page = parse(client.get(INTAKE))
    assert len(page.by_testid("member-row")) == 6
    assert page.by_id("id_family_name") is not None
    assert "Uusi perhe" in page.find_all("h1")[0].text
    swedish = parse(client.get("/sv/workspace/intake/"))
    assert "Ny familj" in swedish.find_all("h1")[0].text


def test_hanna_registers_a_family_met_at_the_meeting_place_in_one_go(client, around):
    login_professional(client, around.hanna)

    response = client.post(INTAKE, intake_data())

    process = ClientProcess.objects.get(family__name="Korhonen")
    assert response.status_code == 302
    assert response["Location"] == f"/fi/workspace/processes/{process.pk}/"
    assert process.kind == Kind.MANY_SERVICES and process.door == Door.MEETING_PLACE
    assert process.organisation == around.hanna.organisation
    assert process.support_need_words == WORDS
    assert process.support_needs == ["exhaustion", "baby_sleep"]
    members = Person.objects.filter(families=process.family).order_by("date_of_birth")
    assert [p.given_names for p in members] == ["Sanna", "Veeti"]
    assert members[0].has_identity_code and not members[1].has_identity_code
    assert members[0].phone == "050 123 4567"
    assert CareRelationship.objects.filter(
        organisation=around.hanna.organisation, family=process.family, ended_at=None
    ).exists()
    actions = set(
        AuditEvent.objects.filter(actor_id=str(around.hanna.pk)).values_list("action", flat=True)
    )
    assert {"family.create", "care_relationship.start", "process.open"} <= actions

    page = parse(client.get(response["Location"]))
    assert "Avattu, työtä ei ole aloitettu" in page.one("process-status").text
    assert "Korhonen" in page.find_all("h1")[0].text


def test_a_wrong_identity_code_saves_nothing_and_keeps_everything_typed(client, around):
    login_professional(client, around.hanna)
    wrong = code_for(MOTHER_BORN, 224)[:-1] + "X"
    families_before = Family.objects.count()

    response = client.post(INTAKE, intake_data(**{"member-0-identity_code": wrong}))

    assert response.status_code == 400
    assert Family.objects.count() == families_before
    assert not Person.objects.filter(given_names="Sanna").exists()
    assert not ClientProcess.objects.filter(family__name="Korhonen").exists()
    page = parse(response)
    assert "Henkilötunnus" in page.one("member-errors").text
    assert page.by_id("id_member-0-identity_code").get("value") == wrong
    assert page.by_id("id_member-0-identity_code").get("aria-invalid") == "true"
    described_by = page.by_id("id_member-0-identity_code").get("aria-describedby").split()
    assert "id_member-0-identity_code_error" in described_by
    assert page.by_id("id_member-0-identity_code_error").text.strip()
    assert page.by_id("id_family_name").get("value") == "Korhonen"
    assert page.by_id("id_member-1-given_names").get("value") == "Veeti"
    assert WORDS in page.by_id("id_support_need_words").text
    checked = [
        box.get("value")
        for box in page.find_all("input", name="support_needs")
        if box.get("checked") is not None
    ]
    assert sorted(checked) == ["baby_sleep", "exhaustion"]


def test_an_identity_code_that_disagrees_with_the_date_of_birth_is_refused(client, around):
    login_professional(client, around.hanna)
    other_day = code_for(MOTHER_BORN + timedelta(days=1), 224)
    response = client.post(INTAKE, intake_data(**{"member-0-identity_code": other_day}))
    assert response.status_code == 400
    assert "eivät täsmää" in parse(response).one("member-errors").text
    assert not Family.objects.filter(name="Korhonen").exists()


def test_an_unknown_need_or_a_future_day_is_refused_and_nothing_saved(client, around):
    login_professional(client, around.hanna)
    response = client.post(INTAKE, intake_data(support_needs=["no-such-need"]))
    assert response.status_code == 400
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    later = client.post(INTAKE, intake_data(arose_on=tomorrow))
    assert "ei voi tulla vireille tulevaisuudessa" in parse(later).one("error-summary").text
    assert not Family.objects.filter(name="Korhonen").exists()


def test_a_refusal_after_the_family_was_written_rolls_the_family_back_too(
    client, around, monkeypatch
):
    """Should opening the process fail once the family is written (another worker, a lost
    connection), the page says so and no family, person or care relationship is left."""
    from perhekeskus.errors import InvalidInput
    from perhekeskus.processes import services

    def refuse(**kwargs):
        raise InvalidInput(details={"kind": "already open"})

    monkeypatch.setattr(services, "process_open", refuse)
    login_professional(client, around.hanna)
    response = client.post(INTAKE, intake_data())
    assert response.status_code == 400
    assert "avoin prosessi" in parse(response).one("error-summary").text
    assert not Family.objects.filter(name="Korhonen").exists()
    assert not Person.objects.filter(given_names="Sanna").exists()
    assert not CareRelationship.objects.filter(organisation=around.hanna.organisation).exists()


def test_an_intake_without_members_or_with_half_a_row_says_what_is_missing(client, around):
    login_professional(client, around.hanna)
    data = {k: v for k, v in intake_data().items() if not k.startswith("member-")}
    page = parse(client.post(INTAKE, data))
    assert "Anna ainakin yksi perheenjäsen" in page.one("error-summary").text

    half = client.post(INTAKE, intake_data(**{"member-1-relation": ""}))
    assert half.status_code == 400
    assert "Valitse suhde" in parse(half).one("member-errors").text
    assert not Family.objects.filter(name="Korhonen").exists()


def test_a_safety_instruction_needs_a_note_and_is_shown_first_on_the_process(client, around):
    login_professional(client, around.hanna)
    flag = {"safety_flag": "do_not_disclose_address"}
    refused = client.post(INTAKE, intake_data(**flag))
    assert refused.status_code == 400
    response = client.post(
        INTAKE, intake_data(**flag, safety_note="Turvakodissa; älä kerro osoitetta.")
    )
    page = parse(client.get(response["Location"]))
    assert page.one("safety-badge") and "Turvakodissa" in page.one("safety-note").text


def test_a_new_process_is_opened_for_a_family_already_in_care(client, around):
    login_professional(client, around.aino)
    url = f"/fi/workspace/families/{around.virtanen.family.pk}/processes/new/"
    family = parse(client.get(f"/fi/workspace/families/{around.virtanen.family.pk}/"))
    assert family.one("process-new-link").get("href") == url

    empty = client.post(url, {"kind": "", "door": "", "arose_on": ""})
    assert empty.status_code == 400
    assert "Valitse prosessin laji" in parse(empty).one("error-summary").text

    response = client.post(
        url,
        {
            "kind": Kind.OCCASIONAL_SUPPORT,
            "door": Door.CLINIC,
            "arose_on": timezone.localdate().isoformat(),
            "support_need_words": "Haluamme tukea imetykseen.",
        },
    )
    process = ClientProcess.objects.get(family=around.virtanen.family)
    assert response["Location"] == f"/fi/workspace/processes/{process.pk}/"


def test_another_organisations_worker_cannot_open_a_process_for_the_family(client, around):
    login_professional(client, around.kalle)
    url = f"/fi/workspace/families/{around.virtanen.family.pk}/processes/new/"
    assert client.get(url).status_code == 404
    response = client.post(
        url,
        {
            "kind": Kind.OCCASIONAL_SUPPORT,
            "door": Door.CLINIC,
            "arose_on": timezone.localdate().isoformat(),
            "support_need_words": "x",
        },
    )
    assert response.status_code == 404
    assert not ClientProcess.objects.exists()
    assert AuditEvent.objects.filter(
        actor_id=str(around.kalle.pk),
        target_id=str(around.virtanen.family.pk),
        outcome=AuditEvent.Outcome.DENIED,
    ).exists()


def test_a_swedish_speaking_worker_gets_the_errors_in_swedish(client, around):
    login_professional(client, around.hanna)
    response = Client().post("/sv/workspace/intake/", {})
    assert response.status_code == 302
    page = parse(client.post("/sv/workspace/intake/", {"family_name": ""}))
    assert "Kontrollera formuläret" in page.one("error-summary").text
