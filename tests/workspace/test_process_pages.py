"""A client process in the workspace: its deadlines, the plan and its actions, the own worker
and the family's referrals, and the writes that carry the work on. Someone whose organisation
does not care for the family gets the same 404 as for a process that does not exist, and the
refusal is in the audit log."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from perhekeskus.audit.models import AuditEvent
from perhekeskus.clients.models import Family, SafetyFlag
from perhekeskus.consent.services import care_relationship_start
from perhekeskus.processes.models import ClientProcess, Door, Kind, OwnWorkerHandover, Status
from perhekeskus.processes.services import (
    own_worker_assign,
    plan_action_add,
    process_open,
    process_update_plan,
)
from tests.client_processes.helpers import assessment_open
from tests.families.html import parse
from tests.professionals import login_professional

pytestmark = pytest.mark.django_db

NOTE = "Soita vain äidin numeroon."


def url(process: ClientProcess, suffix: str = "", lang: str = "fi") -> str:
    return f"/{lang}/workspace/processes/{process.pk}/{suffix}"


def many_services(around, **overrides) -> ClientProcess:
    values = {
        "family_id": around.virtanen.family.pk,
        "kind": Kind.MANY_SERVICES,
        "door": Door.CLINIC,
        "arose_on": timezone.localdate() - timedelta(days=10),
        "support_need_words": "Tarvitsemme monta palvelua yhtä aikaa.",
        "support_needs": ["exhaustion"],
        "by": around.aino,
    }
    return process_open(**(values | overrides))


def denied(professional, action: str) -> bool:
    return AuditEvent.objects.filter(
        actor_id=str(professional.pk), action=action, outcome=AuditEvent.Outcome.DENIED
    ).exists()


# --- Reading ----------------------------------------------------------------------------------


def test_the_process_page_shows_the_safety_instruction_first_and_the_overdue_start(client, around):
    Family.objects.filter(pk=around.virtanen.family.pk).update(
        safety_flag=SafetyFlag.CONTACT_ONLY_BY_PHONE, safety_note=NOTE
    )
    process = assessment_open(around.virtanen, around.aino)  # arose in December 2025
    login_professional(client, around.aino)

    page = parse(client.get(url(process)))

    sections = [s.get("data-testid") for s in page.find_all("section")]
    assert sections[0] == "safety"
    assert NOTE in page.one("safety-note").text
    assert "palvelutarpeen arviointi" in page.find_all("h1")[0].text
    start = page.one("deadline-start")
    assert "Myöhässä" in start.text
    assert "Emme jaksa enää" in page.one("support-need-words").text
    assert len(page.one("needs").find_all("li")) == 2
    assert page.one("start-form")


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_the_process_page_renders_in_each_language(client, around, lang):
    process = many_services(around)
    login_professional(client, around.aino)
    response = client.get(url(process, lang=lang))
    assert response.status_code == 200
    assert f'lang="{lang}"' in response.content.decode()


def test_a_half_logged_in_worker_is_sent_to_the_login(client, around):
    process = many_services(around)
    client.force_login(around.aino.user)
    for response in (client.get(url(process)), client.post(url(process, "start/"))):
        assert response.status_code == 302
        assert response["Location"].startswith("/fi/staff/login/")
    assert ClientProcess.objects.get(pk=process.pk).status == Status.OPEN


def test_another_organisations_worker_gets_404_and_the_refusal_is_audited(client, around):
    process = many_services(around)
    login_professional(client, around.kalle)

    assert client.get(url(process)).status_code == 404
    assert client.get("/fi/workspace/processes/999999/").status_code == 404
    assert denied(around.kalle, "process.read")

    writes = {
        "start/": {},
        "plan/": {"goals": "x", "version": process.version},
        "actions/": {"what": "x", "who_text": "perhe"},
        "own-worker/": {"worker": around.kalle.pk},
        "close/": {"outcome": "goals_met"},
    }
    for suffix, data in writes.items():
        assert client.post(url(process, suffix), data).status_code == 404, suffix
    process.refresh_from_db()
    assert process.status == Status.OPEN and process.goals == "" and process.own_worker is None
    assert not process.actions.exists()
    denials = AuditEvent.objects.filter(
        actor_id=str(around.kalle.pk), outcome=AuditEvent.Outcome.DENIED
    ).count()
    assert denials >= 1 + len(writes)


# --- Writing ----------------------------------------------------------------------------------


def test_aino_starts_the_work_and_updates_the_plan(client, around):
    process = many_services(around)
    login_professional(client, around.aino)

    response = client.post(url(process, "start/"), {"started_on": ""})
    assert response.status_code == 302 and response["Location"] == url(process)
    process.refresh_from_db()
    assert process.status == Status.ACTIVE and process.started_on == timezone.localdate()

    review = timezone.localdate() + timedelta(days=30)
    response = client.post(
        url(process, "plan/"),
        {
            "support_need_words": "Jaksaminen ja koulunkäynti.",
            "support_needs": ["exhaustion", "baby_sleep"],
            "goals": "Liisa käy koulua ja vanhemmat saavat levätä.",
            "review_on": review.isoformat(),
            "version": process.version,
        },
    )
    assert response.status_code == 302
    process.refresh_from_db()
    assert process.goals == "Liisa käy koulua ja vanhemmat saavat levätä."
    assert process.review_on == review
    page = parse(client.get(url(process)))
    assert "vanhemmat saavat levätä" in page.one("goals").text
    assert "Suunnitelma tallennettiin" in page.one("messages").text


def test_a_stale_plan_edit_is_refused_and_the_typed_text_is_kept(client, around):
    process = many_services(around)
    old_version = process.version
    # Maija saves the plan while Aino is still typing.
    process_update_plan(
        process_id=process.pk,
        goals="Maijan tavoite.",
        support_need_words=process.support_need_words,
        support_needs=[],
        review_on=None,
        version=old_version,
        by=around.maija,
    )
    login_professional(client, around.aino)

    typed = "Ainon tavoite, jota ei saa hukata."
    response = client.post(
        url(process, "plan/"),
        {"goals": typed, "support_need_words": "Ainon sanat.", "version": old_version},
    )

    assert response.status_code == 409
    page = parse(response)
    assert "tallensi tämän sillä välin" in page.one("error-summary").text
    assert page.by_id("id_goals").text.strip() == typed
    assert page.by_id("id_support_need_words").text.strip() == "Ainon sanat."
    assert "Maijan tavoite." in page.one("goals").text
    process.refresh_from_db()
    assert process.goals == "Maijan tavoite."


def test_an_action_is_added_and_marked_done(client, around):
    process = many_services(around)
    login_professional(client, around.aino)
    due = timezone.localdate() + timedelta(days=7)

    refused = client.post(url(process, "actions/"), {"what": "Kotikäynti"})
    assert refused.status_code == 400
    assert "Valitse ammattilainen tai kerro sanoin" in parse(refused).one("error-summary").text

    response = client.post(
        url(process, "actions/"),
        {"what": "Kotikäynti", "who": around.maija.pk, "due_on": due.isoformat()},
    )
    assert response.status_code == 302
    action = process.actions.get()
    assert action.who == around.maija and action.due_on == due
    [row] = parse(client.get(url(process))).by_testid("plan-action")
    assert "Kotikäynti" in row.text and "Maija" in row.text

    client.post(url(process, f"actions/{action.pk}/done/"))
    action.refresh_from_db()
    assert action.done_at is not None and action.done_by == around.aino
    assert parse(client.get(url(process))).one("action-done")


def test_an_action_of_another_process_cannot_be_marked_done_through_this_one(client, around):
    process = many_services(around)
    other = assessment_open(around.virtanen, around.aino)
    action = plan_action_add(process_id=other.pk, what="Soitto", who_text="perhe", by=around.aino)
    login_professional(client, around.aino)
    assert client.post(url(process, f"actions/{action.pk}/done/")).status_code == 404
    action.refresh_from_db()
    assert action.done_at is None


def test_the_own_worker_is_assigned_then_handed_over_with_a_reason(client, around):
    process = many_services(around)
    login_professional(client, around.aino)

    assert client.post(url(process, "own-worker/"), {"worker": around.aino.pk}).status_code == 302
    process.refresh_from_db()
    assert process.own_worker == around.aino

    no_reason = client.post(url(process, "own-worker/"), {"worker": around.maija.pk})
    assert no_reason.status_code == 400
    assert "Kerro, miksi" in parse(no_reason).one("error-summary").text

    reason = "Aino jää äitiyslomalle; Maija jatkaa perheen kanssa."
    response = client.post(
        url(process, "own-worker/"), {"worker": around.maija.pk, "reason": reason}
    )
    assert response.status_code == 302
    process.refresh_from_db()
    assert process.own_worker == around.maija
    handovers = list(OwnWorkerHandover.objects.filter(process=process).order_by("at", "id"))
    assert [(h.from_worker, h.to_worker) for h in handovers] == [
        (None, around.aino),
        (around.aino, around.maija),
    ]
    assert handovers[1].reason == reason and handovers[1].by == around.aino
    rows = parse(client.get(url(process))).by_testid("handover")
    assert len(rows) == 2 and reason in rows[1].text


def test_only_a_worker_of_an_organisation_in_care_can_be_the_own_worker(client, around):
    process = many_services(around)
    login_professional(client, around.aino)
    response = client.post(url(process, "own-worker/"), {"worker": around.kalle.pk})
    assert response.status_code == 400
    process.refresh_from_db()
    assert process.own_worker is None
    options = [o.get("value") for o in parse(response).by_id("id_worker").find_all("option")]
    assert str(around.kalle.pk) not in options and str(around.maija.pk) in options


def test_an_own_worker_is_offered_only_in_a_many_services_process(client, around):
    process = assessment_open(around.virtanen, around.aino)
    login_professional(client, around.aino)
    page = parse(client.get(url(process)))
    assert not page.by_testid("own-worker-form")
    response = client.post(url(process, "own-worker/"), {"worker": around.aino.pk})
    assert response.status_code == 400
    process.refresh_from_db()
    assert process.own_worker is None


def test_the_own_worker_sees_every_referral_of_the_family_and_reminders(client, around):
    care_relationship_start(family=around.virtanen.family, by=around.hanna, basis="client_process")
    process = many_services(around, by=around.hanna)
    own_worker_assign(process_id=process.pk, worker=around.hanna, reason="", by=around.hanna)
    plan_action_add(
        process_id=process.pk,
        what="Soita neuvolaan",
        who=around.hanna,
        due_on=timezone.localdate() + timedelta(days=1),
        by=around.hanna,
    )
    around.consented_referral()  # Aino (county) to Vantaa: not Hanna's organisation's
    login_professional(client, around.hanna)

    page = parse(client.get(url(process)))
    [referral] = page.by_testid("referral-state")
    assert str(around.vantaa) in referral.text and referral.get("data-status") == "sent"

    caseload = parse(client.get("/fi/workspace/"))
    [reminder] = caseload.by_testid("reminder")
    assert "Soita neuvolaan" in reminder.text
    link = reminder.find_all("a")[0].get("href")
    assert link == url(process)

    # Aino, not the own worker, sees her own organisation's referral only.
    aino = parse(login_professional(Client(), around.aino).get(url(process)))
    assert len(aino.by_testid("referral-state")) == 1


def test_the_process_is_closed_with_an_outcome(client, around):
    process = many_services(around)
    login_professional(client, around.aino)
    refused = client.post(url(process, "close/"), {"outcome": "other", "outcome_note": ""})
    assert refused.status_code == 400
    assert ClientProcess.objects.get(pk=process.pk).status == Status.OPEN

    response = client.post(url(process, "close/"), {"outcome": "goals_met"})
    assert response.status_code == 302
    page = parse(client.get(url(process)))
    assert "Suljettu" in page.one("process-status").text
    assert "Tavoitteet saavutettiin" in page.one("outcome").text
    assert not page.by_testid("plan-form") and not page.by_testid("action-form")


def test_the_caseload_links_to_the_intake_and_the_process(client, around):
    process = many_services(around)
    page = parse(login_professional(client, around.aino).get("/fi/workspace/"))
    assert page.one("intake-link").get("href") == "/fi/workspace/intake/"
    assert url(process) in page.links()


def test_the_family_page_and_caseload_lead_to_referrals_and_meetings(client, around):
    from django.urls import reverse

    family_id = around.virtanen.family.pk
    login_professional(client, around.aino)
    family = parse(client.get(f"/fi/workspace/families/{family_id}/"))
    assert family.one("referral-new-link").get("href") == reverse("referrals:new", args=[family_id])
    assert family.one("meetings-link").get("href") == reverse("meetings:family", args=[family_id])
    caseload = parse(client.get("/fi/workspace/"))
    assert caseload.one("referrals-inbox-link").get("href") == reverse("referrals:inbox")
    assert caseload.one("meetings-mine-link").get("href") == reverse("meetings:mine")
