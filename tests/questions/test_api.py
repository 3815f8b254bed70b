"""The anonymous questions' API: ask, read with the code, reply; and every refusal, with a reason
and never a 5xx."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from perhekeskus.inbox.models import InboxItem, Queue
from perhekeskus.questions import services
from perhekeskus.questions.codes import new_code
from perhekeskus.questions.models import AnonymousQuestion

pytestmark = pytest.mark.django_db

QUESTIONS = "/api/v1/questions"


def post(client, path, body, **extra):
    return client.post(path, json.dumps(body), content_type="application/json", **extra)


@pytest.fixture
def asked(client, desk):
    response = post(
        client,
        QUESTIONS,
        {
            "text": "Saako 15-vuotias käydä yksin neuvolassa?",
            "lang": "fi",
            "topic": "young_people",
            "municipality": "049",
            "child_age_months": 180,
        },
    )
    assert response.status_code == 201, response.content
    return AnonymousQuestion.objects.get(), response.json()["code"]


def test_a_question_is_asked_and_its_code_and_page_come_back(client, desk):
    response = post(client, QUESTIONS, {"text": "Hur länge ska jag amma?", "lang": "sv"})

    assert response.status_code == 201
    body = response.json()
    assert set(body) == {"code", "url"}
    assert len(body["code"]) == 32
    assert body["url"] == f"http://testserver/sv/ask/q/{body['code']}/"
    assert response["Cache-Control"] == "no-store"
    question = AnonymousQuestion.objects.get()
    assert (question.lang, question.topic, question.queue) == ("sv", "other", desk.national_queue)


def test_the_question_goes_to_its_municipalitys_queue(asked, desk):
    question, _code = asked

    assert question.queue == desk.espoo_queue
    assert question.child_age_months == 180


def test_the_code_reads_the_question_and_the_nurses_answer_by_role_and_place(client, asked, desk):
    question, code = asked
    waiting = client.get(f"{QUESTIONS}/{code}").json()
    services.answer(question, desk.aino, "Saa. Tervetuloa!")

    response = client.get(f"{QUESTIONS}/{code}?lang=en")

    assert waiting["status"] == "waiting"
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    body = response.json()
    assert body["status"] == "answered"
    assert body["topic"] == "young_people"
    assert body["due_at"] and body["created_at"]
    assert [m["author"] for m in body["messages"]] == ["family", "professional"]
    assert body["messages"][0]["answered_by"] is None
    assert body["messages"][1]["answered_by"] == {
        "role": "public_health_nurse",
        "role_label": "public health nurse",
        "place": "Espoo",
    }
    assert "Aino" not in response.content.decode()
    assert "aino" not in response.content.decode().lower()


def test_a_reply_comes_back_to_the_queue(client, asked, desk):
    question, code = asked
    services.answer(question, desk.aino, "Saa.")

    response = post(client, f"{QUESTIONS}/{code}/replies", {"text": "Kiitos! Entä rokotukset?"})

    assert response.status_code == 201
    assert response["Cache-Control"] == "no-store"
    assert response.json()["status"] == "waiting"
    assert response.json()["message"]["author"] == "family"
    question.refresh_from_db()
    assert question.status == InboxItem.Status.CLAIMED  # back with the nurse who answered
    body = client.get(f"{QUESTIONS}/{code}").json()
    assert [m["author"] for m in body["messages"]] == ["family", "professional", "family"]


def test_a_wrong_code_gets_the_same_404_as_a_purged_one_and_waits(client, asked, waits):
    _question, code = asked
    AnonymousQuestion.objects.update(last_activity_at=timezone.now() - timedelta(days=100))
    services.purge_expired()

    responses = [
        client.get(f"{QUESTIONS}/{code}"),
        client.get(f"{QUESTIONS}/{new_code()}"),
        client.get(f"{QUESTIONS}/not-a-code"),
        post(client, f"{QUESTIONS}/{new_code()}/replies", {"text": "Hei"}),
        post(client, f"{QUESTIONS}/{code}/replies", {"text": "Hei"}),
    ]

    assert {r.status_code for r in responses} == {404}
    assert len({r.content for r in responses}) == 1
    assert responses[0].json()["code"] == "not_found"
    assert all(r["Cache-Control"] == "no-store" for r in responses)
    assert len(waits) == len(responses)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        pytest.param({"topic": "astrology"}, "topic", id="unknown-topic"),
        pytest.param({"municipality": "999"}, "municipality", id="unknown-municipality"),
        pytest.param({"lang": "de"}, "lang", id="unknown-language"),
        pytest.param({"text": "   "}, "text", id="empty-text"),
        pytest.param({"text": "x" * 4001}, "text", id="too-long-text"),
        pytest.param({"text": "nul\x00"}, "text", id="nul-character"),
        pytest.param({"child_age_months": 10_000}, "child_age_months", id="age-out-of-range"),
    ],
)
def test_bad_input_is_refused_with_the_reason(client, desk, change, field):
    body = {"text": "Kysymys", "lang": "fi", **change}

    response = post(client, QUESTIONS, body)

    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert field in response.json()["details"]
    assert response["Cache-Control"] == "no-store"
    assert not AnonymousQuestion.objects.exists()


def test_reasons_speak_the_questions_language(client, desk):
    response = post(client, QUESTIONS, {"text": "", "lang": "sv", "topic": "astrologi"})

    details = response.json()["details"]
    assert details["topic"] == "Okänt ämne."
    assert details["text"] == "Skriv din fråga eller ditt meddelande."


@pytest.mark.parametrize(
    "body",
    [
        pytest.param("not json", id="not-json"),
        pytest.param(json.dumps({"lang": "fi"}), id="no-text"),
        pytest.param(json.dumps({"text": 5, "lang": "fi"}), id="text-not-a-string"),
        pytest.param(json.dumps([1, 2]), id="a-list"),
    ],
)
def test_an_unreadable_body_is_a_400_not_a_500(client, desk, body):
    response = client.post(QUESTIONS, body, content_type="application/json")

    assert response.status_code == 400
    assert response.json()["code"] == "invalid"


def test_an_empty_reply_is_refused_with_the_reason(client, asked):
    question, code = asked

    response = post(client, f"{QUESTIONS}/{code}/replies", {"text": ""})

    assert response.status_code == 400
    assert "text" in response.json()["details"]
    assert question.messages.count() == 1


def test_too_many_questions_site_wide_answer_429(client, desk, settings):
    settings.PERHEKESKUS_PUBLIC_FORM_LIMIT_PER_MINUTE = 0

    response = post(client, f"{QUESTIONS}?lang=en", {"text": "Kysymys", "lang": "fi"})

    assert response.status_code == 429
    assert response.json()["code"] == "busy"
    assert "try again in a minute" in response.json()["message"]
    assert not AnonymousQuestion.objects.exists()


def test_with_no_queue_the_caller_is_told_not_a_500(client, desk):
    Queue.objects.update(is_active=False)

    response = post(client, QUESTIONS, {"text": "Kysymys", "lang": "fi"})

    assert response.status_code == 409
    assert response.json()["code"] == "not_receiving"


def test_the_api_is_documented_in_the_openapi_schema(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]

    assert "post" in paths["/api/v1/questions"]
    assert "get" in paths["/api/v1/questions/{code}"]
    assert "post" in paths["/api/v1/questions/{code}/replies"]
    assert "404" in paths["/api/v1/questions/{code}"]["get"]["responses"]
