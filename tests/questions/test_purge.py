"""`perhekeskus purge`, scheduled by the operator: questions whose last message is older than the
retention period are deleted with their answers, and the inbox's log says so without content."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from perhekeskus.contacts import services as contacts_services
from perhekeskus.inbox.models import InboxEvent
from perhekeskus.questions import services
from perhekeskus.questions.models import AnonymousQuestion, QuestionMessage
from perhekeskus.questions.selectors import question_by_code

pytestmark = pytest.mark.django_db


def aged(text: str, days: int, network) -> tuple[AnonymousQuestion, str]:
    """A question whose last message was `days` days ago."""
    asked = services.ask(text=text, lang="fi", topic="other", municipality=network.espoo)
    AnonymousQuestion.objects.filter(pk=asked.question.pk).update(
        last_activity_at=timezone.now() - timedelta(days=days)
    )
    return asked.question, asked.code


def purge(*args: str) -> str:
    out = StringIO()
    call_command("purge", *args, stdout=out)
    return out.getvalue()


def test_purge_deletes_only_what_is_past_retention(network, desk):
    old, old_code = aged("Vanha kysymys", 91, network)
    services.answer(old, desk.aino, "Vanha vastaus")
    AnonymousQuestion.objects.filter(pk=old.pk).update(
        last_activity_at=timezone.now() - timedelta(days=91)
    )
    recent, recent_code = aged("Tuore kysymys", 89, network)

    output = purge()

    assert "Deleted 1 anonymous question(s)" in output
    assert not AnonymousQuestion.objects.filter(pk=old.pk).exists()
    assert not QuestionMessage.objects.filter(question_id=old.pk).exists()
    assert question_by_code(old_code) is None
    assert question_by_code(recent_code) == recent
    assert recent.messages.count() == 1


def test_each_purged_question_leaves_a_purged_event_without_content(network, desk):
    old, _code = aged("Salainen sisältö", 120, network)

    purge()

    event = InboxEvent.objects.get(action=InboxEvent.Action.PURGED)
    assert (event.item_kind, event.item_id) == (InboxEvent.Kind.QUESTION, old.pk)
    assert event.note == "" and event.professional is None
    assert event.queue == desk.espoo_queue
    assert not InboxEvent.objects.filter(note__contains="Salainen").exists()


def test_a_reply_renews_the_retention(network, desk):
    question, _code = aged("Kysymys", 200, network)

    services.reply(question, "Vielä yksi asia")
    purge()

    assert AnonymousQuestion.objects.filter(pk=question.pk).exists()


def test_the_dry_run_counts_and_deletes_nothing(network, desk):
    aged("Vanha", 100, network)
    aged("Toinen vanha", 95, network)
    aged("Tuore", 1, network)

    output = purge("--dry-run")

    assert "Would delete 2 anonymous question(s)" in output
    assert AnonymousQuestion.objects.count() == 3
    assert not InboxEvent.objects.filter(action=InboxEvent.Action.PURGED).exists()


def test_purging_twice_deletes_nothing_more(network, desk):
    aged("Vanha", 100, network)

    first = purge()
    second = purge()

    assert "Deleted 1 anonymous question(s)" in first
    assert "Deleted 0 anonymous question(s)" in second
    assert InboxEvent.objects.filter(action=InboxEvent.Action.PURGED).count() == 1


def test_the_retention_period_is_a_setting(network, desk, settings):
    settings.PERHEKESKUS_QUESTION_RETENTION_DAYS = 10
    aged("Kaksi viikkoa", 14, network)

    assert "Deleted 1 anonymous question(s) with no message in 10 days" in purge()


def test_many_questions_are_purged_in_batches(network, desk, monkeypatch):
    monkeypatch.setattr(services, "PURGE_BATCH", 2)
    for number in range(5):
        aged(f"Vanha {number}", 100, network)

    assert services.purge_expired() == 5
    assert not AnonymousQuestion.objects.exists()


def test_purge_also_erases_old_contact_requests_when_the_contacts_app_can(
    network, desk, monkeypatch
):
    monkeypatch.setattr(contacts_services, "erase_expired", lambda: 3, raising=False)

    output = purge()

    assert "Erased the personal data of 3 contact request(s)" in output
