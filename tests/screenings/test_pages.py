"""The pages of screenings, as a nurse uses them without JavaScript: the family's screenings,
recording an EPDS, the worklist and its count on the caseload, and the follow-up that takes
the family off the list; and the refusals each professional notices."""

import pytest
from django.test import Client
from django.utils import timezone

from perhekeskus.audit.models import AuditEvent
from perhekeskus.consent.services import care_relationship_end
from perhekeskus.screenings.models import FollowUp, Screening
from tests.families.html import parse
from tests.family_portal.helpers import logged_in_as
from tests.professionals import login_professional
from tests.referrals.around import Around, professional
from tests.screenings.helpers import days_ago, epds

pytestmark = pytest.mark.django_db

NOTE = "Äiti kertoo nukkuvansa huonosti."


def family_url(around: Around, lang: str = "en") -> str:
    return f"/{lang}/workspace/screenings/families/{around.virtanen.family.pk}/"


def record_url(around: Around, code: str = "epds", lang: str = "en") -> str:
    return f"{family_url(around, lang)}record/{code}/"


def detail_url(screening: Screening, lang: str = "en") -> str:
    return f"/{lang}/workspace/screenings/{screening.pk}/"


def worklist_url(lang: str = "en") -> str:
    return f"/{lang}/workspace/screenings/worklist/"


def errors_of(response) -> str:
    return parse(response).one("error-summary").text


@pytest.mark.parametrize(
    "path",
    [
        "/en/workspace/screenings/worklist/",
        "/en/workspace/screenings/families/1/",
        "/en/workspace/screenings/families/1/record/epds/",
        "/en/workspace/screenings/1/",
    ],
)
def test_an_anonymous_visitor_is_sent_to_the_login(client, path):
    response = client.get(path)

    assert response.status_code == 302
    assert "/staff/login/" in response["Location"]


def test_aino_records_an_epds_above_the_threshold_and_the_family_is_on_the_worklist(
    client, around: Around
):
    aino = login_professional(client, around.aino)
    family_page = parse(aino.get(f"/en/workspace/families/{around.virtanen.family.pk}/"))
    assert family_url(around) in family_page.links()
    assert record_url(around) in parse(aino.get(family_url(around))).links()

    response = aino.post(
        record_url(around),
        {
            "person": around.virtanen.mother.pk,
            "screened_on": timezone.localdate().isoformat(),
            "score": "14",
            "note": NOTE,
        },
    )

    screening = Screening.objects.get()
    assert response.status_code == 302 and response["Location"] == detail_url(screening)
    page = parse(aino.get(detail_url(screening)))
    assert "The threshold was crossed" in page.one("messages").text
    assert page.one("crossed") and page.one("high")
    assert "14 points (threshold 10)" in page.one("result-words").text
    assert "likely depression" in page.one("threshold-note").text
    [row] = parse(aino.get(worklist_url())).by_testid("worklist-row")
    assert around.virtanen.family.name in row.text
    caseload = parse(aino.get("/en/workspace/"))
    assert "1 waiting for a follow-up" in caseload.one("screenings-waiting").text
    assert caseload.one("nav-screenings")


def test_a_score_out_of_range_is_refused_with_what_was_typed_kept(client, around: Around):
    aino = login_professional(client, around.aino)

    response = aino.post(
        record_url(around, lang="fi"),
        {
            "person": around.virtanen.mother.pk,
            "screened_on": timezone.localdate().isoformat(),
            "score": "31",
            "note": NOTE,
        },
    )

    assert response.status_code == 400
    assert "0" in errors_of(response) and "30" in errors_of(response)
    page = parse(response)
    assert page.by_id("id_score").get("value") == "31"
    assert NOTE in page.by_id("id_note").text
    assert not Screening.objects.exists()


def test_the_audit_c_asks_the_respondents_sex_and_keeps_the_score(client, around: Around):
    aino = login_professional(client, around.aino)

    response = aino.post(
        record_url(around, "audit-c"),
        {
            "person": around.virtanen.father.pk,
            "screened_on": timezone.localdate().isoformat(),
            "score": "6",
        },
    )

    assert response.status_code == 400
    assert "respondent's sex" in errors_of(response)
    assert parse(response).by_id("id_score").get("value") == "6"


def test_a_follow_up_takes_the_family_off_the_worklist(client, around: Around):
    screening = epds(around.virtanen, around.aino, screened_on=days_ago(20))
    aino = login_professional(client, around.aino)
    [row] = parse(aino.get(worklist_url())).by_testid("worklist-row")
    assert "Overdue by 6 days" in row.text

    response = aino.post(
        detail_url(screening),
        {
            "kind": "early_support",
            "done_on": timezone.localdate().isoformat(),
            "note": "Kotikäynnit sovittu.",
        },
    )

    assert response.status_code == 302
    page = parse(aino.get(detail_url(screening)))
    assert "Early support offered" in page.one("follow-up").text
    assert parse(aino.get(worklist_url())).one("worklist-empty")


def test_no_follow_up_needed_without_a_reason_keeps_the_choice(client, around: Around):
    screening = epds(around.virtanen, around.aino)
    aino = login_professional(client, around.aino)

    response = aino.post(
        detail_url(screening), {"kind": "not_needed", "done_on": timezone.localdate().isoformat()}
    )

    assert response.status_code == 400
    assert "Say why no follow-up is needed" in errors_of(response)
    assert parse(response).by_id("id_kind_3").get("checked") is not None
    assert not FollowUp.objects.exists()


def test_a_follow_up_after_the_care_has_ended_says_so_and_keeps_the_note(client, around: Around):
    screening = epds(around.virtanen, around.aino)
    aino = login_professional(client, around.aino)
    care_relationship_end(family_id=around.virtanen.family.pk, by=around.aino)

    response = aino.post(
        detail_url(screening),
        {
            "kind": "early_support",
            "done_on": timezone.localdate().isoformat(),
            "note": "Soitettu äidille.",
        },
    )

    assert response.status_code == 409
    assert "no longer cares for this family" in errors_of(response)
    assert "Soitettu äidille." in parse(response).by_id("id_note").text
    assert not FollowUp.objects.exists()


def test_another_organisations_worker_gets_the_sites_404_and_is_audited(around: Around):
    screening = epds(around.virtanen, around.aino)
    kalle = login_professional(Client(), around.kalle)

    assert kalle.get(detail_url(screening)).status_code == 404
    assert kalle.get(family_url(around)).status_code == 404
    assert kalle.get(record_url(around)).status_code == 404
    assert kalle.post(detail_url(screening), {"kind": "early_support"}).status_code == 404

    denied = AuditEvent.objects.filter(
        actor_id=str(around.kalle.pk), outcome=AuditEvent.Outcome.DENIED
    )
    assert denied.filter(action="screening.read", target_id=str(screening.pk)).exists()
    assert denied.filter(action="screening.list").exists()
    assert not denied.exclude(family_id="").exists()


def test_a_role_without_health_information_has_no_worklist_and_no_link(client, around: Around):
    fanni = professional("fanni", around.aino.organisation, "family_worker", around.network.espoo)
    epds(around.virtanen, around.aino)
    fanni_client = login_professional(client, fanni)

    response = fanni_client.get(worklist_url())

    assert response.status_code == 403
    assert "health care information" in parse(response).one("refused").text
    assert around.virtanen.family.name not in response.content.decode()
    assert not parse(fanni_client.get("/en/workspace/")).by_testid("nav-screenings")
    assert fanni_client.get(family_url(around)).status_code == 404
    assert AuditEvent.objects.filter(
        action="screening.worklist", actor_id=str(fanni.pk), outcome="denied"
    ).exists()


def test_a_family_login_does_not_open_the_screenings(around: Around):
    screening = epds(around.virtanen, around.aino)
    mother = logged_in_as(Client(), around.virtanen.mother)

    for path in (worklist_url("fi"), detail_url(screening, "fi"), family_url(around, "fi")):
        answer = mother.get(path)
        assert answer.status_code in (302, 403)
        assert "EPDS" not in answer.content.decode()


def test_the_worklist_in_swedish(client, around: Around):
    epds(around.virtanen, around.aino, screened_on=days_ago(20))
    page = parse(login_professional(client, around.aino).get(worklist_url("sv")))

    assert page.find_all("html")[0].get("lang") == "sv"
    [row] = page.by_testid("worklist-row")
    assert "Försenad" in row.text
    assert "EPDS – screening för depression efter förlossning" in row.text
