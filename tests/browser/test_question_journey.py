"""A young person asks anonymously, a public health nurse logs in with the second factor and
answers, and the young person reads the answer with the code and replies: on phones (375 px),
with the keyboard only, in Finnish and in Swedish; axe-core finds nothing serious on the way."""

from typing import Any

import pytest
from playwright.sync_api import expect

from perhekeskus.inbox.models import InboxEvent
from perhekeskus.questions.models import AnonymousQuestion, QuestionMessage
from tests.browser.conftest import fits_the_phone, phone_page, professional_logs_in, tab_to
from tests.professionals import Desk, desk_build

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WORDS = {
    "fi": {
        "question": "Mua ahdistaa koulussa enkä uskalla puhua kenellekään. Mitä voin tehdä?",
        "answer": "Kiitos kun kirjoitit. Koulun terveydenhoitajalle voit tulla ilman ajanvarausta.",
        "answered_by": "terveydenhoitaja, Espoo",
        "reply": "Kiitos, menen huomenna.",
    },
    "sv": {
        "question": "Jag mår dåligt i skolan och vågar inte prata med någon. Vad kan jag göra?",
        "answer": "Tack för att du skrev. Du kan gå till skolhälsovårdaren utan tidsbokning.",
        "answered_by": "hälsovårdare, Esbo",
        "reply": "Tack, jag går dit i morgon.",
    },
}


@pytest.fixture
def desk(reference_data, network, personas) -> Desk:
    return desk_build(network, personas)


@pytest.fixture
def young_person(browser, lang: str) -> Any:
    page = phone_page(browser, lang)
    yield page
    page.context.close()


@pytest.fixture
def nurse(browser, lang: str) -> Any:
    page = phone_page(browser, lang)
    yield page
    page.context.close()


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_a_young_person_asks_a_nurse_answers_and_the_young_person_reads_and_replies(
    live_site, desk, young_person, nurse, lang
):
    words = WORDS[lang]
    # From the guidance's "ask anonymously", which brings the topic and the municipality.
    page = young_person
    page.goto(f"{live_site}/{lang}/ask/?topic=young_people&municipality=049")
    assert page.get_attribute("html", "lang") == lang
    fits_the_phone(page)
    tab_to(page, "[data-testid=question-text]")
    page.keyboard.type(words["question"])
    tab_to(page, "[data-testid=ask-submit]")
    page.keyboard.press("Enter")

    # The code, shown once, and the link to bookmark.
    expect(page.get_by_test_id("code-box")).to_be_visible()
    code = page.get_by_test_id("question-code").input_value()
    assert len(code) == 32
    read_url = page.get_by_test_id("read-link").get_attribute("href")
    assert code in read_url
    fits_the_phone(page)
    question = AnonymousQuestion.objects.get()
    assert question.queue == desk.espoo_queue and question.topic == "young_people"

    # The nurse: password and the authenticator's code, then the inbox and the question.
    professional_logs_in(nurse, live_site, lang, desk.aino)
    fits_the_phone(nurse)
    row = nurse.get_by_test_id("inbox-row").filter(has_text=f"#{question.pk}")
    expect(row).to_be_visible()
    tab_to(nurse, f"a[href$='/staff/inbox/questions/{question.pk}/']")
    nurse.keyboard.press("Enter")
    expect(nurse.get_by_test_id("thread")).to_contain_text(words["question"])
    fits_the_phone(nurse)
    tab_to(nurse, "[data-testid=answer-form] textarea[name=text]")
    nurse.keyboard.type(words["answer"])
    tab_to(nurse, "[data-testid=send-answer]")
    nurse.keyboard.press("Enter")
    expect(nurse.get_by_test_id("thread")).to_contain_text(words["answer"])
    fits_the_phone(nurse)

    # The young person comes back with the bookmark: a person answered, by role and place.
    page.goto(read_url if read_url.startswith("http") else f"{live_site}{read_url}")
    answered_by = page.get_by_test_id("answered-by")
    expect(answered_by).to_contain_text(words["answered_by"])
    expect(page.get_by_test_id("thread")).to_contain_text(words["answer"])
    assert "Aino" not in page.content()
    fits_the_phone(page)
    tab_to(page, "[data-testid=reply-text]")
    page.keyboard.type(words["reply"])
    tab_to(page, "[data-testid=reply-submit]")
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("reply-sent")).to_be_visible()
    fits_the_phone(page)

    # Back in the nurse's queue, and every step in the log.
    question.refresh_from_db()
    # The nurse who answered keeps it; the reply puts it back in her work, with a new deadline.
    assert question.status == AnonymousQuestion.Status.CLAIMED
    assert question.claimed_by == desk.aino
    authors = list(question.messages.values_list("author", flat=True))
    assert authors == [
        QuestionMessage.Author.FAMILY,
        QuestionMessage.Author.PROFESSIONAL,
        QuestionMessage.Author.FAMILY,
    ]
    actions = set(
        InboxEvent.objects.filter(item_id=question.pk, item_kind="question").values_list(
            "action", flat=True
        )
    )
    assert {"received", "viewed", "answered", "family_replied"} <= actions
