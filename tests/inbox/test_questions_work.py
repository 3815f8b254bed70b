"""A young person asks anonymously; the nurse claims the question, answers with a saved template,
hands over or escalates. Every step is logged with who, what and when, and nobody outside the
queue can even tell that the question exists."""

from django.test import Client

from perhekeskus.inbox.models import AnswerTemplate, InboxEvent, InboxItem
from perhekeskus.questions.models import QuestionMessage
from perhekeskus.questions.selectors import question_by_code
from tests.families.html import parse
from tests.professionals import login_professional


def page_of(question) -> str:
    return f"/fi/staff/inbox/questions/{question.pk}/"


def actions_of(question, *, views: bool = True) -> list[tuple[str, str]]:
    events = InboxEvent.objects.filter(item_kind="question", item_id=question.pk)
    if not views:
        events = events.exclude(action=InboxEvent.Action.VIEWED)
    return list(events.values_list("actor", "action"))


def test_the_nurse_reads_the_question_with_its_details(client, desk, ask):
    asked = ask(text="Vauva heräilee joka tunti.", child_age_months=5)

    page = parse(login_professional(client, desk.aino).get(page_of(asked.question)))

    assert "Vauva heräilee joka tunti." in page.one("thread").text
    facts = page.one("facts").text
    assert "Espoo" in facts and "5 kuukautta" in facts and "Espoon perhekeskus" in facts
    assert "Uni, syöminen ja arki" in page.find_all("h1")[0].text


def test_the_nurse_claims_answers_with_a_template_and_the_asker_reads_it(client, desk, ask):
    asked = ask()
    template = AnswerTemplate.objects.create(
        queue=desk.espoo_queue, lang="fi", title="Unirytmi", text="Säännöllinen iltarutiini auttaa."
    )
    login_professional(client, desk.aino)
    here = page_of(asked.question)

    claimed = client.post(here, {"action": "claim"}, follow=True)
    assert "Asia on nyt sinulla käsittelyssä." in parse(claimed).one("messages").text
    assert "sinä" in parse(claimed).one("claim").text

    # Without JavaScript: "use template" puts its text into the answer box, after what was typed.
    filled = client.post(here, {"action": "use_template", "template": template.pk, "text": "Hei!"})
    box = parse(filled).by_id("id_text").text
    assert box.startswith("Hei!") and "Säännöllinen iltarutiini auttaa." in box
    assert not asked.question.messages.filter(author="professional").exists()

    sent = client.post(here, {"action": "answer", "text": box + " Voit kysyä lisää."})
    assert sent.status_code == 302

    # What the asker sees with the code: the answer, by role and place, never the name.
    question = question_by_code(asked.code)
    answer = question.messages.get(author=QuestionMessage.Author.PROFESSIONAL)
    assert answer.text.endswith("Voit kysyä lisää.")
    assert (answer.role, answer.place) == ("public_health_nurse", "Espoo")
    public = Client().get(f"/fi/ask/q/{asked.code}/")
    assert "Säännöllinen iltarutiini auttaa." in public.content.decode()
    assert "aino" not in public.content.decode().lower()
    assert question.status == InboxItem.Status.ANSWERED
    assert actions_of(question, views=False) == [
        ("", "received"),
        ("aino", "claimed"),
        ("aino", "answered"),
    ]


def test_an_empty_answer_is_not_sent_and_says_why(client, desk, ask):
    asked = ask()
    response = login_professional(client, desk.aino).post(
        page_of(asked.question), {"action": "answer", "text": "  "}
    )
    assert response.status_code == 200
    assert "Kirjoita vastaus ennen lähettämistä." in parse(response).one("error-summary").text
    assert asked.question.messages.count() == 1


def test_use_template_without_choosing_one_keeps_what_was_typed(client, desk, ask):
    asked = ask()
    AnswerTemplate.objects.create(queue=desk.espoo_queue, lang="fi", title="T", text="Pohja")
    response = login_professional(client, desk.aino).post(
        page_of(asked.question), {"action": "use_template", "template": "", "text": "Luonnos"}
    )
    page = parse(response)
    assert "Valitse ensin pohja." in page.one("error-summary").text
    assert page.by_id("id_text").text == "Luonnos"


def test_the_answer_box_offers_the_queues_and_ones_own_templates_only(client, desk, ask):
    asked = ask()
    AnswerTemplate.objects.create(queue=desk.espoo_queue, lang="fi", title="Espoon", text="x")
    AnswerTemplate.objects.create(owner=desk.aino, lang="sv", title="Ainon oma", text="x")
    AnswerTemplate.objects.create(owner=desk.maija, lang="fi", title="Maijan oma", text="x")
    AnswerTemplate.objects.create(queue=desk.vantaa_queue, lang="fi", title="Vantaan", text="x")

    page = parse(login_professional(client, desk.aino).get(page_of(asked.question)))

    offered = [option.text for option in page.by_id("id_template").find_all("option")[1:]]
    assert sorted(offered) == ["Ainon oma (sv)", "Espoon (fi)"]


def test_handing_over_to_vantaa_moves_the_question_out_of_ainos_reach(client, desk, ask):
    asked = ask()
    login_professional(client, desk.aino)
    client.post(page_of(asked.question), {"action": "claim"})

    moved = client.post(
        page_of(asked.question),
        {"action": "hand_over", "handover-to_queue": desk.vantaa_queue.pk,
         "handover-note": "Perhe asuu Vantaalla."},
        follow=True,
    )  # fmt: skip

    assert "Siirretty jonoon Vantaan perhekeskus." in parse(moved).one("messages").text
    assert client.get(page_of(asked.question)).status_code == 404
    question = question_by_code(asked.code)
    assert question.queue == desk.vantaa_queue and question.claimed_by is None
    kalle = login_professional(Client(), desk.kalle)
    page = parse(kalle.get(page_of(question)))
    assert "Perhe asuu Vantaalla." in page.one("event-log").text
    event = InboxEvent.objects.get(item_id=question.pk, action="handed_over")
    assert (event.actor, event.queue, event.to_queue) == (
        "aino",
        desk.espoo_queue,
        desk.vantaa_queue,
    )


def test_hand_over_needs_a_queue_and_keeps_the_note(client, desk, ask):
    asked = ask()
    response = login_professional(client, desk.aino).post(
        page_of(asked.question),
        {"action": "hand_over", "handover-to_queue": "", "handover-note": "Kenelle?"},
    )
    page = parse(response)
    assert "Valitse jono, johon asia siirretään." in page.one("error-summary").text
    assert page.by_id("id_handover-note").text == "Kenelle?"
    assert question_by_code(asked.code).queue == desk.espoo_queue


def test_hand_over_offers_only_active_queues_that_take_questions(client, desk, ask):
    asked = ask()
    desk.national_queue.takes_questions = False
    desk.national_queue.save()

    page = parse(login_professional(client, desk.aino).get(page_of(asked.question)))

    offered = [o.text for o in page.by_id("id_handover-to_queue").find_all("option")[1:]]
    assert offered == ["Vantaan perhekeskus"]
    refused = client.post(
        page_of(asked.question),
        {"action": "hand_over", "handover-to_queue": desk.national_queue.pk},
    )
    assert refused.status_code == 200
    assert question_by_code(asked.code).queue == desk.espoo_queue


def test_escalating_marks_the_question_for_the_leads(client, desk, ask):
    asked = ask()
    login_professional(client, desk.aino)

    missing_note = client.post(page_of(asked.question), {"action": "escalate"})
    assert "Kerro lyhyesti" in parse(missing_note).one("error-summary").text

    client.post(
        page_of(asked.question), {"action": "escalate", "escalate-note": "Huoli turvallisuudesta"}
    )

    question = question_by_code(asked.code)
    assert question.escalated
    lead = parse(login_professional(Client(), desk.maija).get("/fi/staff/inbox/"))
    assert "Nostettu vastaavalle" in lead.by_testid("inbox-row")[0].text
    event = InboxEvent.objects.get(item_id=question.pk, action="escalated")
    assert (event.actor, event.note) == ("aino", "Huoli turvallisuudesta")


def test_every_action_is_logged_with_who_what_and_when(client, desk, ask):
    asked = ask()
    login_professional(client, desk.aino)
    here = page_of(asked.question)
    client.get(here)
    client.post(here, {"action": "claim"})
    client.post(here, {"action": "release"})
    client.post(here, {"action": "escalate", "escalate-note": "Johtajalle"})
    client.post(here, {"action": "answer", "text": "Vastaus"})

    assert actions_of(asked.question) == [
        ("", "received"),
        ("aino", "viewed"),
        ("aino", "claimed"),
        ("aino", "released"),
        ("aino", "escalated"),
        ("aino", "answered"),
    ]
    events = InboxEvent.objects.filter(item_id=asked.question.pk)
    assert all(e.occurred_at and e.queue == desk.espoo_queue for e in events)
    log = parse(client.get(here)).one("event-log").text
    for words in ("perhe", "terveydenhoitaja (aino)", "Otettu käsittelyyn", "Vastattu"):
        assert words in log


def test_each_opening_of_a_question_is_logged_once(client, desk, ask):
    asked = ask()
    login_professional(client, desk.aino)
    client.get(page_of(asked.question))
    client.get(page_of(asked.question))
    assert actions_of(asked.question).count(("aino", "viewed")) == 2


def test_taking_over_a_colleagues_question_says_so(client, desk, ask):
    asked = ask()
    login_professional(Client(), desk.maija).post(page_of(asked.question), {"action": "claim"})

    taken = login_professional(client, desk.aino).post(
        page_of(asked.question), {"action": "claim"}, follow=True
    )

    assert "Otit asian itsellesi käyttäjältä maija." in parse(taken).one("messages").text
    assert question_by_code(asked.code).claimed_by == desk.aino


def test_someone_outside_the_queue_gets_not_found_and_changes_nothing(client, desk, ask):
    asked = ask()
    login_professional(client, desk.kalle)
    here = page_of(asked.question)

    assert client.get(here).status_code == 404
    for data in (
        {"action": "claim"},
        {"action": "answer", "text": "Vastaan silti"},
        {"action": "hand_over", "handover-to_queue": desk.vantaa_queue.pk},
        {"action": "escalate", "escalate-note": "x"},
    ):
        assert client.post(here, data).status_code == 404
    assert client.get("/fi/staff/inbox/questions/999999/").status_code == 404
    assert actions_of(asked.question) == [("", "received")]
    assert question_by_code(asked.code).messages.count() == 1
