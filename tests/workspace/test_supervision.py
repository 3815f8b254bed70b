"""A family centre coordinator supervises access to client data (issue 6, item 8): emergency
access to review, many families in a short time, denied attempts, for her own organisation only.

Maija (coordinator) and Aino (nurse) work for West Uusimaa county; Kalle for Vantaa."""

from datetime import timedelta

import pytest
from django.utils import timezone

from perhekeskus.audit import services as audit_services
from perhekeskus.audit.models import AuditEvent
from perhekeskus.audit.services import audit_record
from perhekeskus.consent.access import actor_of
from tests.families.html import parse
from tests.professionals import login_professional

pytestmark = pytest.mark.django_db

PAGE = "/fi/workspace/supervision/"
REASON = "Lapsi tuotiin päivystykseen, oma työntekijä lomalla."


def review_url(event: AuditEvent, lang: str = "fi") -> str:
    return f"/{lang}/workspace/supervision/{event.sequence}/review/"


def break_glass(professional, family_id: str = "7", reason: str = REASON) -> AuditEvent:
    return audit_record(
        actor=actor_of(professional),
        action="family.read",
        target_type="family",
        target_id=family_id,
        family_id=family_id,
        data_category="health",
        purpose=AuditEvent.Purpose.BREAK_GLASS,
        reason=reason,
    )


def read(professional, family_id: str, **fields) -> AuditEvent:
    values = {
        "actor": actor_of(professional),
        "action": "family.read",
        "target_type": "family",
        "target_id": family_id,
        "family_id": family_id,
        "data_category": "basic",
        "purpose": AuditEvent.Purpose.CARE,
    }
    return audit_record(**(values | fields))


def texts(response, testid: str) -> list[str]:
    return [element.text for element in parse(response).by_testid(testid)]


@pytest.fixture
def maija(client, around):
    login_professional(client, around.maija)
    return around.maija


def test_the_coordinator_sees_a_colleagues_emergency_access_with_its_reason(client, around, maija):
    break_glass(around.aino, family_id="41")

    response = client.get(PAGE)

    assert response.status_code == 200
    [event] = texts(response, "break-glass-event")
    assert "Terveydenhoitaja" in event and "41" in event and REASON in event
    [form] = parse(response).by_testid("review-form")
    assert form.find_all("textarea", name="note")


def test_opening_the_page_is_itself_audited_as_supervision(client, around, maija):
    client.get(PAGE)

    event = AuditEvent.objects.order_by("-sequence").first()
    assert (event.action, event.purpose, event.actor_id, event.outcome) == (
        "audit.supervise",
        "supervision",
        str(maija.pk),
        "allowed",
    )


def test_a_review_with_a_note_takes_the_event_off_the_list(client, around, maija):
    emergency = break_glass(around.aino)

    response = client.post(review_url(emergency), {"note": "Perusteltu, tarkistettu.", "days": "7"})

    assert response.status_code == 302
    assert response["Location"].endswith("/fi/workspace/supervision/?days=7")
    review = AuditEvent.objects.get(action="audit.review", target_id=str(emergency.sequence))
    assert (review.purpose, review.actor_id, review.reason) == (
        "supervision",
        str(maija.pk),
        "Perusteltu, tarkistettu.",
    )
    page = client.get(response["Location"])
    assert texts(page, "break-glass-event") == []
    assert "Hätäkäyttö merkittiin tarkastetuksi." in texts(page, "messages")[0]
    # Reviewing it again records nothing more.
    client.post(review_url(emergency), {"note": "again"})
    assert AuditEvent.objects.filter(action="audit.review").count() == 1


def test_she_cannot_review_her_own_emergency_access(client, around, maija):
    own = break_glass(maija)

    response = client.post(review_url(own), {"note": "Kaikki kunnossa"}, follow=True)

    assert not AuditEvent.objects.filter(action="audit.review").exists()
    assert "Oman hätäkäyttösi tarkastaa joku muu." in texts(response, "messages")[0]
    assert len(texts(response, "break-glass-event")) == 1


def test_another_organisations_emergency_access_is_neither_shown_nor_reviewable(
    client, around, maija
):
    elsewhere = break_glass(around.kalle, reason="Vantaan oma asia")

    response = client.get(PAGE)
    assert "Vantaan oma asia" not in response.content.decode()
    assert texts(response, "break-glass-event") == []

    assert client.post(review_url(elsewhere), {"note": "x"}).status_code == 404
    assert client.post("/fi/workspace/supervision/999999/review/").status_code == 404
    assert not AuditEvent.objects.filter(action="audit.review").exists()


def test_a_colleague_opening_many_families_within_minutes_is_listed(client, around, maija):
    for number in range(25):
        read(around.aino, family_id=str(1000 + number))
    for number in range(25):  # another organisation's burst is not hers to see
        read(around.kalle, family_id=str(2000 + number))

    [burst] = texts(client.get(PAGE), "burst")

    # The 25 and the Virtanens, whom she took on just before.
    assert "Terveydenhoitaja (Aino)" in burst and "26 perhettä" in burst


def test_denied_attempts_of_the_period_are_listed_newest_first(client, around, maija, monkeypatch):
    long_ago = timezone.now() - timedelta(days=10)
    monkeypatch.setattr(audit_services.timezone, "now", lambda: long_ago)
    read(around.aino, family_id="500", outcome="denied")
    monkeypatch.undo()
    read(around.aino, family_id="501", outcome="denied")
    read(around.aino, family_id="502", outcome="denied")
    read(around.kalle, family_id="503", outcome="denied")

    shown = texts(client.get(PAGE), "denied-event")
    assert ["502" in shown[0], "501" in shown[1], len(shown)] == [True, True, 2]

    month = texts(client.get(PAGE + "?days=30"), "denied-event")
    assert len(month) == 3 and "500" in month[-1]


@pytest.mark.parametrize("days", ["abc", "0", "-3", "91", "", "1e3"])
def test_a_bad_period_falls_back_to_a_week(client, around, maija, days):
    response = client.get(PAGE, {"days": days})

    assert response.status_code == 200
    chosen = [
        o for o in parse(response).by_id("id_days").find_all("option") if "selected" in o.attrs
    ]
    assert [o.get("value") for o in chosen] == ["7"]


def test_a_nurse_is_refused_and_the_attempt_recorded(client, around):
    login_professional(client, around.aino)
    emergency = break_glass(around.kalle)

    assert client.get(PAGE).status_code == 403
    assert client.post(review_url(emergency), {"note": "x"}).status_code == 403
    refused = AuditEvent.objects.filter(actor_id=str(around.aino.pk), outcome="denied")
    assert {e.action for e in refused} == {"audit.supervise", "audit.review"}
    assert not AuditEvent.objects.filter(action="audit.review", outcome="allowed").exists()


def test_only_a_coordinator_finds_the_link_on_the_caseload(client, around, maija):
    caseload = client.get("/fi/workspace/")
    assert parse(caseload).by_testid("supervision-link")

    login_professional(client, around.aino)
    assert not parse(client.get("/fi/workspace/")).by_testid("supervision-link")


@pytest.mark.parametrize("path", [PAGE, "/sv/workspace/supervision/"])
def test_an_anonymous_visitor_goes_to_the_login(client, path):
    response = client.get(path)

    assert response.status_code == 302
    assert "/staff/login/" in response["Location"]


def test_the_page_reads_in_swedish(client, around, maija):
    break_glass(around.aino)

    response = client.get("/sv/workspace/supervision/")

    assert response.status_code == 200
    html = parse(response)
    assert html.find_all("html")[0].get("lang") == "sv"
    assert html.find_all("h1")[0].text == "Tillsyn över åtkomsten"
    assert "Hälsovårdare" in texts(response, "break-glass-event")[0]
