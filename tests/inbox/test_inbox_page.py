"""The inbox page (saapuneet): a professional sees the open items of their own queues, overdue
first, and nothing of anyone else's queue."""

import pytest
from django.test import Client

from perhekeskus.inbox import services as inbox
from perhekeskus.questions import services as questions
from tests.families.html import parse
from tests.inbox.conftest import make_overdue
from tests.professionals import login_professional

INBOX = "/fi/staff/inbox/"


def rows(response) -> list[str]:
    return [row.text for row in parse(response).by_testid("inbox-row")]


def items(response) -> list[str]:
    """The items in the order listed, by their name in the first column ("Kysymys #3")."""
    return [row.find_all("th")[0].text for row in parse(response).by_testid("inbox-row")]


@pytest.mark.parametrize(
    "path", [INBOX, "/fi/staff/inbox/questions/1/", "/fi/staff/inbox/requests/1/",
             "/fi/staff/inbox/templates/"],
)  # fmt: skip
def test_an_anonymous_visitor_is_sent_to_the_login(client, desk, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/fi/staff/login/")


def test_a_password_without_the_second_factor_does_not_open_the_inbox(client, desk, ask):
    asked = ask()
    client.force_login(desk.aino.user)  # password accepted, no TOTP code yet
    for path in (INBOX, f"/fi/staff/inbox/questions/{asked.question.pk}/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/fi/staff/login/")
    assert b"Vauva ei nuku" not in client.get(INBOX, follow=True).content


def test_aino_sees_the_espoo_queues_items_and_not_vantaas(client, desk, network, ask):
    ask(text="Espoolainen kysyy")
    vantaa = ask(text="Vantaalainen kysyy", municipality=network.vantaa)
    assert vantaa.question.queue == desk.vantaa_queue

    listed = rows(login_professional(client, desk.aino).get(INBOX))

    assert len(listed) == 1
    assert "Uni, syöminen ja arki" in listed[0]
    kalles = rows(login_professional(Client(), desk.kalle).get(INBOX))
    assert len(kalles) == 1 and f"#{vantaa.question.pk}" in kalles[0]


def test_an_overdue_item_comes_first_and_the_alert_counts_it(client, desk, ask, request_contact):
    fresh = ask(text="Tuore kysymys").question
    old = make_overdue(ask(text="Vanha kysymys").question, days=2)
    request = request_contact()

    page = parse(login_professional(client, desk.aino).get(INBOX))

    listed = [row.text for row in page.by_testid("inbox-row")]
    assert f"Kysymys #{old.pk}" in listed[0] and "Myöhässä" in listed[0]
    assert not any("Myöhässä" in row for row in listed[1:])
    rest = " ".join(listed[1:])
    assert len(listed) == 3 and f"#{fresh.pk}" in rest and request.reference in rest
    assert page.one("overdue-alert").text.startswith("1 asia myöhässä")


def test_an_escalated_item_comes_before_others_but_after_the_overdue(client, desk, ask):
    first = ask(text="Ensimmäinen").question
    second = ask(text="Toinen").question
    inbox.escalate(second, desk.aino, "Huoli lapsen turvallisuudesta")
    overdue = make_overdue(ask(text="Myöhässä").question)

    response = login_professional(client, desk.aino).get(INBOX)

    assert items(response) == [f"Kysymys #{q.pk}" for q in (overdue, second, first)]
    assert "Nostettu vastaavalle" in rows(response)[1]


def test_the_contact_requests_safety_choices_show_already_in_the_list(
    client, desk, request_contact
):
    request_contact(may_leave_message=False, may_call_any_time=False)
    request_contact(may_leave_message=True, may_call_any_time=True, name="Pekka")

    listed = rows(login_professional(client, desk.aino).get(INBOX))

    marked = [row for row in listed if "Ei viestejä" in row]
    assert len(marked) == 1 and "Ei milloin tahansa" in marked[0]


def test_the_list_says_who_has_claimed_an_item(client, desk, ask):
    mine = ask(text="Minun").question
    maijas = ask(text="Maijan").question
    inbox.claim(mine, desk.aino)
    inbox.claim(maijas, desk.maija)

    response = login_professional(client, desk.aino).get(INBOX)

    by_item = dict(zip(items(response), rows(response), strict=True))
    assert "sinä" in by_item[f"Kysymys #{mine.pk}"]
    assert "perhekeskuskoordinaattori (maija)" in by_item[f"Kysymys #{maijas.pk}"]


def test_one_queue_can_be_chosen_but_only_ones_own(client, desk, ask):
    ask()
    login_professional(client, desk.aino)

    own = client.get(INBOX, {"queue": desk.espoo_queue.pk})
    assert own.status_code == 200 and len(rows(own)) == 1
    assert client.get(INBOX, {"queue": desk.vantaa_queue.pk}).status_code == 404
    assert client.get(INBOX, {"queue": desk.national_queue.pk}).status_code == 404
    assert client.get(INBOX, {"queue": "x"}).status_code == 404


def test_answered_items_leave_the_list_and_come_back_with_the_toggle(client, desk, ask):
    asked = ask()
    questions.answer(asked.question, desk.aino, "Kokeile iltarutiinia.")
    login_professional(client, desk.aino)

    assert rows(client.get(INBOX)) == []
    assert b"Ei avoimia" in client.get(INBOX).content
    with_closed = rows(client.get(INBOX, {"closed": "1"}))
    assert len(with_closed) == 1 and "Vastattu" in with_closed[0]


def test_a_professional_without_a_queue_is_told_so(client, desk):
    desk.aino.memberships.all().delete()
    page = parse(login_professional(client, desk.aino).get(INBOX))
    assert "et ole vielä minkään jonon jäsen" in page.one("no-queues").text.lower()


def test_the_inbox_in_swedish(client, desk, ask):
    make_overdue(ask().question)

    page = parse(login_professional(client, desk.aino).get("/sv/staff/inbox/"))

    assert page.find_all("h1")[0].text == "Inkorg"
    assert page.one("overdue-alert").text.startswith("1 ärende försenat")
    assert "Försenad" in page.by_testid("inbox-row")[0].text
    assert "Sömn, mat och vardag" in page.by_testid("inbox-row")[0].text
