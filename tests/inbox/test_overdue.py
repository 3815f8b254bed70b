"""Overdue alerts: the operator's scheduler runs `perhekeskus overdue`, which lists each queue
with items past their response deadline and the oldest deadline."""

from io import StringIO

import pytest
from django.core.management import call_command

from perhekeskus.inbox.selectors import overdue_by_queue
from perhekeskus.questions import services as questions
from tests.inbox.conftest import make_overdue


def test_nothing_overdue_is_said_plainly(desk, ask):
    ask()
    output = StringIO()
    call_command("overdue", stdout=output)
    assert output.getvalue().strip() == "No overdue items."
    assert overdue_by_queue() == []


def test_overdue_items_are_counted_per_queue_with_the_oldest_deadline(
    desk, network, ask, request_contact
):
    oldest = make_overdue(ask().question, days=3)
    make_overdue(request_contact(), days=1)
    make_overdue(ask(municipality=network.vantaa).question, days=2)
    answered = make_overdue(ask().question, days=5)
    questions.answer(answered, desk.aino, "Vastattu ajallaan")  # answered: no longer waiting
    ask()  # not yet due

    rows = overdue_by_queue()

    assert [(row.queue, row.count) for row in rows] == [
        (desk.espoo_queue, 2),
        (desk.vantaa_queue, 1),
    ]
    assert rows[0].oldest_due_at == oldest.due_at
    output = StringIO()
    call_command("overdue", stdout=output)
    lines = output.getvalue().splitlines()
    assert lines[0] == "Overdue items: 3 in 2 queue(s)"
    assert lines[1].startswith(f"  Espoon perhekeskus (#{desk.espoo_queue.pk}): 2 overdue")
    assert "oldest due" in lines[1]


def test_the_command_can_fail_for_monitoring(desk, ask):
    make_overdue(ask().question)
    with pytest.raises(SystemExit) as exited:
        call_command("overdue", "--fail-if-any", stdout=StringIO())
    assert exited.value.code == 1
