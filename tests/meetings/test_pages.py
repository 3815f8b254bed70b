"""The pages of team meetings, as a professional uses them without JavaScript: plan a meeting
for the family, record the family's view first, contribute, decide, and publish the summary;
and the refusals each professional notices."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from perhekeskus.audit.models import AuditEvent
from perhekeskus.meetings.models import TeamMeeting
from perhekeskus.processes.models import PlanAction
from tests.families.html import parse
from tests.meetings.team import AGENDA, FAMILY_VIEW, Team
from tests.professionals import login_professional

pytestmark = pytest.mark.django_db


def detail_url(meeting: TeamMeeting, lang: str = "en") -> str:
    return f"/{lang}/workspace/meetings/{meeting.pk}/"


def family_url(family_id: int, lang: str = "en") -> str:
    return f"/{lang}/workspace/meetings/families/{family_id}/"


def post(client: Client, meeting: TeamMeeting, action: str, lang: str = "en", **fields):
    data = {"action": action, **{f"{action}-{name}": value for name, value in fields.items()}}
    return client.post(detail_url(meeting, lang), data)


def errors_of(response) -> str:
    return parse(response).one("error-summary").text


@pytest.mark.parametrize("path", ["/en/workspace/meetings/", "/en/workspace/meetings/1/"])
def test_an_anonymous_visitor_is_sent_to_the_login(client, path):
    response = client.get(path)

    assert response.status_code == 302
    assert "/staff/login/" in response["Location"]


def test_aino_plans_a_meeting_for_the_familys_assessment(client, team: Team):
    aino = login_professional(client, team.around.aino)
    day = timezone.localdate() + timedelta(days=5)

    response = aino.post(
        family_url(team.around.virtanen.family.pk),
        {
            "process": team.process.pk,
            "kind": "joint_assessment",
            "day": day.isoformat(),
            "time": "13:30",
            "place": "Leppävaaran neuvola",
            "agenda": "\n".join(AGENDA),
        },
    )

    meeting = TeamMeeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == detail_url(meeting)
    page = parse(aino.get(detail_url(meeting)))
    assert "The meeting is planned" in page.one("messages").text
    agenda = page.one("agenda").text
    assert agenda.index("The family's own view") < agenda.index(AGENDA[0])
    assert "13:30" in page.one("meeting-facts").text
    assert "coordinator" in page.one("participant").text


def test_a_meeting_plan_with_a_wrong_date_keeps_what_was_typed(client, team: Team):
    aino = login_professional(client, team.around.aino)

    response = aino.post(
        family_url(team.around.virtanen.family.pk),
        {
            "process": team.process.pk,
            "kind": "team_meeting",
            "day": "31.2.2027",
            "time": "10:00",
            "place": "Kirjaston kokoushuone",
            "agenda": "Kotiapu",
        },
    )

    assert response.status_code == 400
    assert "Give the date as day.month.year" in errors_of(response)
    page = parse(response)
    assert page.by_id("id_place").get("value") == "Kirjaston kokoushuone"
    assert "Kotiapu" in page.by_id("id_agenda").text
    assert not TeamMeeting.objects.exists()


def test_the_familys_view_comes_first_then_a_second_organisation_contributes(client, team: Team):
    meeting = team.plan()
    mikko = login_professional(Client(), team.around.mikko)
    page = parse(mikko.get(detail_url(meeting)))
    assert page.one("contribution-waits")

    early = post(mikko, meeting, "contribution", text="Kotikäynnit voivat alkaa.")
    assert early.status_code == 409
    assert "Record the family's own view first" in errors_of(early)
    assert "Kotikäynnit voivat alkaa." in parse(early).by_id("id_contribution-text").text

    aino = login_professional(client, team.around.aino)
    assert post(aino, meeting, "family_view", text=FAMILY_VIEW).status_code == 302
    assert post(mikko, meeting, "contribution", text="Kotikäynnit voivat alkaa.").status_code == 302

    page = parse(aino.get(detail_url(meeting)))
    assert "Eino herää öisin" in page.one("family-view-text").text
    [contribution] = page.by_testid("contribution")
    assert team.around.vantaa.name in contribution.text
    assert "Kotikäynnit voivat alkaa." in contribution.text


def test_a_third_organisations_worker_gets_the_sites_404_and_is_audited(team: Team):
    meeting = team.plan()
    hanna = login_professional(Client(), team.around.hanna)

    assert hanna.get(detail_url(meeting)).status_code == 404
    assert hanna.get(detail_url(meeting).replace(str(meeting.pk), "999999")).status_code == 404
    assert hanna.get(family_url(team.around.virtanen.family.pk)).status_code == 404
    assert post(hanna, meeting, "family_view", text="x").status_code == 404

    denied = AuditEvent.objects.filter(
        actor_id=str(team.around.hanna.pk), outcome=AuditEvent.Outcome.DENIED
    )
    # The page read and the refused post, each a denied reading of the meeting.
    assert denied.filter(action="meeting.read", target_id=str(meeting.pk)).count() == 2
    assert denied.filter(action="meeting.read", target_id="999999").exists()
    assert denied.filter(action="meeting.list").exists()


def test_inviting_a_professional_of_an_organisation_not_caring_for_the_family_is_refused(
    client, team: Team
):
    meeting = team.plan()
    aino = login_professional(client, team.around.aino)
    page = parse(aino.get(detail_url(meeting)))
    offered = page.by_id("id_invite-professional").text
    assert team.around.hanna.user.first_name not in offered

    response = post(aino, meeting, "invite", professional=team.around.hanna.pk)

    assert response.status_code == 400
    assert "does not care for the family" in errors_of(response)
    assert "Refer the family" in errors_of(response)
    assert not meeting.participants.filter(professional=team.around.hanna).exists()


def test_a_decision_is_recorded_and_becomes_an_action_of_the_plan(client, team: Team):
    meeting = team.plan()
    aino = login_professional(client, team.around.aino)
    post(aino, meeting, "family_view", text=FAMILY_VIEW)
    due = timezone.localdate() + timedelta(days=14)

    response = post(
        aino,
        meeting,
        "decision",
        what="Perhetyö aloittaa kotikäynnit",
        who=team.around.mikko.pk,
        due_on=due.isoformat(),
        to_plan="on",
    )

    assert response.status_code == 302
    [decision] = parse(aino.get(detail_url(meeting))).by_testid("decision")
    assert "Perhetyö aloittaa kotikäynnit" in decision.text
    assert team.around.vantaa.name in decision.text
    action = PlanAction.objects.get(process=team.process)
    assert (action.who, action.due_on) == (team.around.mikko, due)


def test_only_the_coordinator_composes_and_publishes(client, team: Team):
    meeting = team.plan()
    aino = login_professional(client, team.around.aino)
    mikko = login_professional(Client(), team.around.mikko)
    post(aino, meeting, "family_view", text=FAMILY_VIEW)

    assert not parse(mikko.get(detail_url(meeting))).by_testid("assessment-submit")
    refused = post(mikko, meeting, "assessment", summary="Mikon yhteenveto")
    assert refused.status_code == 403
    assert "Only the coordinator" in errors_of(refused)

    post(aino, meeting, "assessment", summary="Perhe saa kotipalvelua.", text="")
    page = parse(aino.get(detail_url(meeting)))
    assert page.one("draft")
    assert post(mikko, meeting, "publish", version=1).status_code == 403
    assert post(aino, meeting, "publish", version=1).status_code == 302

    page = parse(mikko.get(detail_url(meeting)))
    assert page.one("published")
    assert "Perhe saa kotipalvelua." in page.one("summary").text
    assert not page.by_testid("family-view-submit")


def test_a_stale_edit_of_the_familys_view_is_refused_with_the_typed_text_kept(client, team):
    meeting = team.plan()
    aino = login_professional(client, team.around.aino)
    mikko = login_professional(Client(), team.around.mikko)
    post(aino, meeting, "family_view", text=FAMILY_VIEW)
    post(mikko, meeting, "family_view", text=FAMILY_VIEW + " Lisäys.", version=1)

    response = post(aino, meeting, "family_view", text="Ainon vanha kopio", version=1)

    assert response.status_code == 409
    assert "Someone else saved this" in errors_of(response)
    assert "Ainon vanha kopio" in parse(response).by_id("id_family_view-text").text


def test_my_meetings_lists_the_upcoming_meeting_in_swedish(team: Team):
    meeting = team.plan()
    mikko = login_professional(Client(), team.around.mikko)

    page = parse(mikko.get("/sv/workspace/meetings/"))

    assert page.find_all("html")[0].get("lang") == "sv"
    [line] = page.by_testid("meeting")
    assert team.around.virtanen.family.name in line.text
    assert detail_url(meeting, "sv") in page.links()
    assert "Mina möten" in page.find_all("h1")[0].text


def test_the_coordinator_cancels_the_meeting_and_its_forms_are_gone(client, team: Team):
    meeting = team.plan()
    aino = login_professional(client, team.around.aino)
    assert not parse(
        login_professional(Client(), team.around.mikko).get(detail_url(meeting))
    ).by_testid("cancel-submit")

    assert post(aino, meeting, "cancel").status_code == 302

    page = parse(aino.get(detail_url(meeting)))
    assert "Cancelled on" in page.one("cancelled").text
    assert not page.by_testid("family-view-submit")
    assert not page.by_testid("invite-submit")
    family_page = parse(aino.get(family_url(team.around.virtanen.family.pk)))
    assert family_page.one("meeting-cancelled")
