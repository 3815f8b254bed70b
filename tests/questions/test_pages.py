"""A young person asks anonymously on the page, gets a code once, reads the nurse's answer with it
and writes more. The denials: a wrong code, a bot, a form sent too fast or too long, a forged
POST."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from perhekeskus.inbox.models import InboxEvent, InboxItem, Queue
from perhekeskus.questions import services
from perhekeskus.questions.codes import code_digest, new_code
from perhekeskus.questions.models import EXPECTING_MONTHS, AnonymousQuestion, QuestionMessage
from tests.questions.helpers import (
    ask_on_page,
    code_on,
    page_text,
    stamp_of,
    where_in_database,
)

pytestmark = pytest.mark.django_db


def read_url(code: str, lang: str = "en") -> str:
    return f"/{lang}/ask/q/{code}/"


def reply_on_page(client: Client, code: str, text: str, lang: str = "en"):
    shown = client.get(read_url(code, lang))
    return client.post(read_url(code, lang), {"text": text, "stamp": stamp_of(shown)})


# ---- Asking -------------------------------------------------------------------------------------


def test_the_ask_page_says_no_name_is_needed_who_answers_and_when(client, desk):
    response = client.get("/en/ask/")

    assert response.status_code == 200
    text = page_text(response)
    assert "Ask anonymously" in text
    assert "No name is needed" in text
    assert "do not write your name, personal identity code" in text
    assert "a person, not a machine" in text
    assert "We answer within 2 working days." in text
    assert "deleted 90 days after the last message" in text
    assert 'href="tel:112"' in response.content.decode()
    # The honeypot is hidden from people and from assistive technology.
    assert re.search(r'aria-hidden="true">\s*<label for="id_website"', response.content.decode())
    assert 'tabindex="-1" autocomplete="off"' in response.content.decode()


def test_a_link_from_a_service_page_preselects_the_topic_and_municipality(client, desk):
    response = client.get("/fi/ask/?topic=young_people&municipality=049")

    content = response.content.decode()
    assert '<option value="young_people" selected>' in content
    assert '<option value="049" selected>Espoo</option>' in content


def test_a_young_person_asks_and_sees_the_code_once(client, desk):
    response = ask_on_page(
        client, "en", text="Can I get the pill without my parents knowing?", topic="sexuality"
    )

    assert response.status_code == 200
    code = code_on(response)
    assert len(code) == 32
    text = page_text(response)
    assert "Your question was sent" in text
    assert "cannot be recovered" in text
    assert f'href="http://testserver{read_url(code)}"' in response.content.decode()
    code_box = re.search(r'<input[^>]*id="question-code"[^>]*>', response.content.decode())
    assert " readonly " in code_box.group()
    assert response["Cache-Control"] == "no-store"
    assert response["Referrer-Policy"] == "no-referrer"
    # Shown once: the ask page again does not know it, nor does a cookie or the session.
    again = client.get("/en/ask/")
    assert code not in again.content.decode()
    assert all(code not in morsel.value for morsel in client.cookies.values())
    # Only its keyed digest is kept: the code itself is in no column of any table.
    question = AnonymousQuestion.objects.get()
    assert question.code_digest == code_digest(code)
    assert where_in_database(code) == []
    assert question.queue == desk.national_queue  # no municipality given
    assert question.status == InboxItem.Status.NEW


def test_the_question_goes_to_the_queue_of_the_chosen_municipality(client, desk):
    ask_on_page(client, "fi", municipality="049", age_years="1", age_months="3")

    question = AnonymousQuestion.objects.get()
    assert question.queue == desk.espoo_queue
    assert question.child_age_months == 15
    assert question.lang == "fi"


def test_expecting_a_baby_is_an_age_too(client, desk):
    ask_on_page(client, "fi", age_years="expecting")

    assert AnonymousQuestion.objects.get().child_age_months == EXPECTING_MONTHS


def test_with_no_queue_the_family_is_told_and_keeps_its_text(client, desk):
    Queue.objects.update(is_active=False)

    response = ask_on_page(client, "en", text="Is it normal that my toddler bites?")

    assert response.status_code == 409
    assert "We cannot receive questions right now" in page_text(response)
    assert "Is it normal that my toddler bites?" in response.content.decode()
    assert not AnonymousQuestion.objects.exists()


# ---- Reading and replying -----------------------------------------------------------------------


@pytest.fixture
def asked(client, desk):
    code = code_on(ask_on_page(client, "en", text="The baby wakes every hour.", municipality="049"))
    return AnonymousQuestion.objects.get(), code


def test_the_code_opens_the_question_waiting_for_an_answer(client, asked):
    _question, code = asked

    response = client.get(read_url(code))

    assert response.status_code == 200
    text = page_text(response)
    assert "The baby wakes every hour." in text
    assert "Waiting for an answer. We answer by" in text
    assert '<meta name="robots" content="noindex">' in response.content.decode()
    assert response["Cache-Control"] == "no-store"
    # The page's forms are sent to us with the origin only, never the address with the code.
    assert response["Referrer-Policy"] == "strict-origin"


def test_the_nurse_answers_and_the_asker_sees_a_person_by_role_and_place(client, asked, desk):
    question, code = asked

    services.answer(question, desk.aino, "Babies often wake at that age. Come to the clinic.")
    response = client.get(read_url(code))

    text = page_text(response)
    assert "Answered by a person: public health nurse, Espoo" in text
    assert "Babies often wake at that age." in text
    assert "Answered." in text
    assert "aino" not in text.lower()


def test_a_reply_puts_the_question_back_in_the_queue_with_a_new_deadline(client, asked, desk):
    question, code = asked
    services.answer(question, desk.aino, "Try a calmer evening routine.")
    long_ago = timezone.now() - timedelta(days=20)
    AnonymousQuestion.objects.filter(pk=question.pk).update(due_at=long_ago)

    response = reply_on_page(client, code, "We tried it; he still wakes up.")

    assert response.status_code == 200
    assert "Your message was sent." in page_text(response)
    question.refresh_from_db()
    assert question.status != InboxItem.Status.ANSWERED  # waiting in the nurse's queue again
    assert question.due_at > timezone.now()
    messages = list(question.messages.values_list("author", flat=True))
    assert messages == ["family", "professional", "family"]
    assert InboxEvent.objects.filter(
        item_id=question.pk, action=InboxEvent.Action.FAMILY_REPLIED
    ).exists()
    assert "Waiting for an answer" in page_text(client.get(read_url(code)))


def test_an_empty_reply_is_refused_and_nothing_is_added(client, asked):
    question, code = asked

    response = reply_on_page(client, code, "   ")

    assert response.status_code == 400
    assert "Write your question or message." in page_text(response)
    assert question.messages.count() == 1


def test_the_page_offers_to_be_contacted_with_the_code_and_feedback_after_an_answer(
    client, asked, desk
):
    question, code = asked
    before = client.get(read_url(code)).content.decode()
    try:
        contact_url = reverse("contacts:request")
    except NoReverseMatch:
        contact_url = None
    if contact_url:
        assert f'action="{contact_url}" method="post"' in before
        assert f'name="question_code" value="{code}"' in before
    assert 'name="context" value="answer"' not in before  # nothing to give feedback on yet

    services.answer(question, desk.aino, "Here is our answer.")
    after = client.get(read_url(code)).content.decode()

    try:
        reverse("feedback:give")
    except NoReverseMatch:
        return
    assert 'name="context" value="answer"' in after
    assert 'name="topic" value="sleep_eating"' in after


def test_a_typed_code_opens_the_question(client, asked):
    _question, code = asked

    response = client.post("/en/ask/open/", {"code": f"  {code[:16]} {code[16:]}\n"})

    assert response.status_code == 303
    assert response["Location"] == read_url(code)


# ---- Wrong codes --------------------------------------------------------------------------------


def test_wrong_malformed_missing_and_purged_codes_all_get_the_same_page(client, asked):
    question, code = asked
    AnonymousQuestion.objects.filter(pk=question.pk).update(
        last_activity_at=timezone.now() - timedelta(days=91)
    )
    services.purge_expired()

    addresses = [
        read_url(code),  # purged
        read_url(new_code()),  # never given
        read_url(code[:-1] + ("A" if code[-1] != "A" else "B")),  # one character off
        read_url("short"),
        read_url("a" * 32 + "/more"),
        read_url("ääääääääääääääääääääääääääääääää"),
        "/en/ask/q/",
    ]
    responses = [client.get(address) for address in addresses]
    responses.append(client.post("/en/ask/open/", {"code": code}))

    assert {response.status_code for response in responses} == {404}
    assert len({response.content for response in responses}) == 1
    assert "No question with this code" in page_text(responses[0])
    assert all(response["Cache-Control"] == "no-store" for response in responses)


def test_repeated_wrong_codes_wait_longer_and_longer(client, desk, settings, waits):
    settings.PERHEKESKUS_CODE_DELAY_BASE_SECONDS = 0.01
    settings.PERHEKESKUS_CODE_DELAY_STEP = 2
    settings.PERHEKESKUS_CODE_DELAY_MAX_SECONDS = 0.08

    for _ in range(10):
        client.get(read_url(new_code()))

    assert waits[0] == pytest.approx(0.01)
    assert waits == sorted(waits)
    assert waits[-1] == pytest.approx(0.08)  # doubled up to the most a wrong code waits
    assert len(set(waits)) == 4


def test_the_right_code_does_not_wait(client, asked, waits):
    _question, code = asked

    client.get(read_url(code))

    assert waits == []


# ---- The form's safety --------------------------------------------------------------------------


def test_a_bot_filling_the_hidden_field_is_refused_and_the_text_is_kept(client, desk):
    response = ask_on_page(client, "en", text="Buy cheap pills", website="http://spam.example")

    assert response.status_code == 400
    assert "The form could not be sent." in page_text(response)
    assert "Buy cheap pills" in response.content.decode()
    assert not AnonymousQuestion.objects.exists()


def test_a_form_sent_faster_than_a_person_types_is_refused_and_the_text_is_kept(
    client, desk, settings
):
    settings.PERHEKESKUS_FORM_MIN_SECONDS = 5

    response = ask_on_page(client, "en", text="My child is afraid of the dark.")

    assert response.status_code == 400
    assert "The form was sent very quickly." in page_text(response)
    assert "My child is afraid of the dark." in response.content.decode()
    assert not AnonymousQuestion.objects.exists()


def test_a_question_over_the_size_limit_is_refused_and_kept(client, desk):
    response = ask_on_page(client, "en", text="a" * 4001)

    assert response.status_code == 400
    assert "at most 4000 characters" in page_text(response)
    assert "a" * 4001 in response.content.decode()
    assert not AnonymousQuestion.objects.exists()


def test_an_empty_question_is_refused(client, desk):
    response = ask_on_page(client, "en", text="  ")

    assert response.status_code == 400
    assert "Your question: Write your question or message." in page_text(response)


def test_a_forged_post_without_the_csrf_token_is_refused(desk):
    browser = Client(enforce_csrf_checks=True)
    shown = browser.get("/en/ask/")
    data = {"text": "Forged", "topic": "other", "stamp": stamp_of(shown)}

    forged = browser.post("/en/ask/", data)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', shown.content.decode())
    genuine = browser.post("/en/ask/", {**data, "csrfmiddlewaretoken": token.group(1)})

    assert forged.status_code == 403
    assert genuine.status_code == 200
    assert AnonymousQuestion.objects.count() == 1


def test_a_forged_reply_without_the_csrf_token_is_refused(asked):
    question, code = asked
    browser = Client(enforce_csrf_checks=True)
    shown = browser.get(read_url(code))

    forged = browser.post(read_url(code), {"text": "Forged", "stamp": stamp_of(shown)})

    assert forged.status_code == 403
    assert question.messages.count() == 1


# ---- Languages ----------------------------------------------------------------------------------


def test_the_pages_speak_finnish_and_swedish(client, desk):
    fi = page_text(client.get("/fi/ask/"))
    sv = page_text(client.get("/sv/ask/"))

    assert "Kysy nimettömästi" in fi
    assert "Nimeä ei tarvita" in fi
    assert "Fråga anonymt" in sv
    assert "Du behöver inte uppge ditt namn" in sv


def test_a_swedish_asker_reads_the_answer_in_swedish(client, desk):
    code = code_on(ask_on_page(client, "sv", text="Hur länge ska jag amma?", municipality="049"))
    question = AnonymousQuestion.objects.get()
    services.answer(question, desk.aino, "Så länge det känns bra för er båda.")

    response = client.get(read_url(code, "sv"))

    text = page_text(response)
    assert "Din fråga" in text
    assert "Besvarad av en människa: hälsovårdare, Esbo" in text  # the place in Swedish too
    assert "Aino" not in text
    finnish = page_text(client.get(read_url(code, "fi")))
    assert "Vastasi ihminen: terveydenhoitaja, Espoo" in finnish
    asked_page = ask_on_page(client, "sv", text="En fråga till")
    assert "Din fråga har skickats" in page_text(asked_page)
    assert "Spara koden nu." in page_text(asked_page)


def test_the_wrong_code_page_speaks_the_askers_language(client, desk):
    assert "Ingen fråga med den här koden" in page_text(client.get(read_url(new_code(), "sv")))
    assert "Tällä koodilla ei löydy kysymystä" in page_text(client.get(read_url(new_code(), "fi")))


def test_messages_are_shown_in_order(client, asked, desk):
    question, code = asked
    services.answer(question, desk.aino, "First answer.")
    services.reply(question, "Second question.")
    services.answer(question, desk.aino, "Second answer.")

    text = page_text(client.get(read_url(code)))

    order = [text.index(part) for part in ("The baby wakes", "First answer", "Second question")]
    assert order == sorted(order)
    assert text.index("Second question") < text.index("Second answer")
    assert QuestionMessage.objects.filter(question=question).count() == 4
