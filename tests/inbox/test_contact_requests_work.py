"""A parent asks to be contacted with "no messages" and "not at any time": the request reaches
the queue with those choices in plain sight; the professional records the contact and closes
the request with an outcome."""

from django.test import Client
from django.utils import timezone

from perhekeskus.contacts.models import ContactRequest
from perhekeskus.contacts.services import erase_expired
from perhekeskus.inbox.models import InboxEvent, InboxItem
from perhekeskus.questions import services as questions
from tests.families.html import parse
from tests.professionals import login_professional


def page_of(request) -> str:
    return f"/fi/staff/inbox/requests/{request.pk}/"


def test_the_safety_choices_stand_at_the_top_of_the_request(client, desk, request_contact):
    request = request_contact(may_leave_message=False, may_call_any_time=False)

    page = parse(login_professional(client, desk.aino).get(page_of(request)))

    safety = page.one("safety-box").text
    assert "ÄLÄ jätä viestiä" in safety
    assert "Ota yhteyttä vain: arkisin klo 15 jälkeen" in safety
    facts = page.one("facts").text
    assert "Liisa" in facts and "040 123 4567" in facts
    assert "Tarvitsen apua kotitilanteeseen." in page.one("about").text
    assert InboxEvent.objects.filter(item_id=request.pk, action="viewed", actor="aino").exists()


def test_a_request_that_allows_messages_says_so(client, desk, request_contact):
    request = request_contact(may_leave_message=True, may_call_any_time=True, when_to_call="")
    safety = parse(login_professional(client, desk.aino).get(page_of(request))).one("safety-box")
    assert "Viestin saa jättää." in safety.text
    assert "ÄLÄ" not in safety.text


def test_the_safety_choices_in_swedish(client, desk, request_contact):
    request = request_contact()
    page = parse(login_professional(client, desk.aino).get(f"/sv{page_of(request)[3:]}"))
    assert "Lämna INTE meddelande" in page.one("safety-box").text


def test_contacted_then_closed_with_an_outcome(client, desk, request_contact):
    request = request_contact()
    login_professional(client, desk.aino)

    client.post(page_of(request), {"action": "contacted", "contacted-note": "Soitettu klo 16."})
    closed = client.post(
        page_of(request), {"action": "close", "close-outcome": "Aika varattu perheneuvolaan."},
        follow=True,
    )  # fmt: skip

    request.refresh_from_db()
    assert request.status == InboxItem.Status.CLOSED and request.claimed_by == desk.aino
    assert request.outcome == "Aika varattu perheneuvolaan."
    page = parse(closed)
    assert "Pyyntö on suljettu." in page.one("messages").text
    assert page.one("outcome").text == "Aika varattu perheneuvolaan."
    assert not page.by_testid("close-form")
    log = list(
        InboxEvent.objects.filter(item_kind="contact_request", item_id=request.pk)
        .exclude(action="viewed")
        .values_list("actor", "action", "note")
    )
    assert log == [
        ("", "received", ""),
        ("aino", "contacted", "Soitettu klo 16."),
        ("aino", "closed", ""),
    ]
    assert request.reference not in parse(client.get("/fi/staff/inbox/")).text


def test_closing_without_an_outcome_is_refused_politely(client, desk, request_contact):
    request = request_contact()
    response = login_professional(client, desk.aino).post(
        page_of(request), {"action": "close", "close-outcome": ""}
    )
    assert (
        "Kirjoita lopputulos ennen pyynnön sulkemista." in parse(response).one("error-summary").text
    )
    request.refresh_from_db()
    assert request.status == InboxItem.Status.NEW


def test_a_closed_request_cannot_be_closed_again(client, desk, request_contact):
    request = request_contact()
    login_professional(client, desk.aino)
    client.post(page_of(request), {"action": "close", "close-outcome": "Hoidettu"})
    again = client.post(page_of(request), {"action": "close", "close-outcome": "Uudestaan"})
    assert again.status_code == 302
    request.refresh_from_db()
    assert request.outcome == "Hoidettu"


def test_after_erasure_only_the_log_remains(client, desk, request_contact, settings):
    request = request_contact()
    login_professional(client, desk.aino)
    client.post(page_of(request), {"action": "close", "close-outcome": "Hoidettu"})
    ContactRequest.objects.filter(pk=request.pk).update(
        closed_at=timezone.now() - timezone.timedelta(days=31)
    )
    assert erase_expired() == 1

    page = parse(client.get(page_of(request)))

    assert "Henkilötiedot poistettu" in page.one("erased").text
    assert "Liisa" not in page.text and "040 123 4567" not in page.text
    assert not page.by_testid("safety-box")
    assert "Suljettu" in page.one("event-log").text


def test_a_stepped_up_question_shows_its_thread(client, desk, ask, request_contact):
    asked = ask(text="Pelkään kotona.")
    questions.answer(asked.question, desk.aino, "Hyvä että kirjoitit.")
    request = request_contact(question=asked.question)

    page = parse(login_professional(client, desk.maija).get(page_of(request)))

    thread = page.one("thread").text
    assert "Pelkään kotona." in thread and "Hyvä että kirjoitit." in thread
    question_page = parse(client.get(f"/fi/staff/inbox/questions/{asked.question.pk}/"))
    assert request.reference in question_page.text


def test_a_contact_request_can_be_handed_over_and_escalated(client, desk, request_contact):
    request = request_contact()
    login_professional(client, desk.aino)
    client.post(page_of(request), {"action": "escalate", "escalate-note": "Väkivallan uhka"})
    client.post(
        page_of(request),
        {"action": "hand_over", "handover-to_queue": desk.vantaa_queue.pk},
    )
    request.refresh_from_db()
    assert request.escalated and request.queue == desk.vantaa_queue
    assert client.get(page_of(request)).status_code == 404
    kalle = parse(login_professional(Client(), desk.kalle).get(page_of(request)))
    assert "ÄLÄ jätä viestiä" in kalle.one("safety-box").text


def test_someone_outside_the_queue_cannot_see_or_act_on_a_request(client, desk, request_contact):
    request = request_contact()
    login_professional(client, desk.kalle)
    assert client.get(page_of(request)).status_code == 404
    for data in (
        {"action": "claim"},
        {"action": "contacted"},
        {"action": "close", "close-outcome": "x"},
    ):
        assert client.post(page_of(request), data).status_code == 404
    request.refresh_from_db()
    assert request.status == InboxItem.Status.NEW
    assert not InboxEvent.objects.filter(item_id=request.pk, actor="kalle").exists()
