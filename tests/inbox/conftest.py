"""What families send, made through the real services, for the inbox's tests."""

from datetime import timedelta

import pytest
from django.utils import timezone

from perhekeskus.contacts import services as contacts
from perhekeskus.contacts.models import ContactRequest
from perhekeskus.inbox.models import InboxItem
from perhekeskus.questions import services as questions


@pytest.fixture
def ask(network):
    """A family in Espoo (or elsewhere) asks anonymously; returns `Asked(question, code)`."""

    def ask(text="Vauva ei nuku yöllä, mitä teen?", municipality=network.espoo, **fields):
        fields.setdefault("lang", "fi")
        fields.setdefault("topic", "sleep_eating")
        return questions.ask(text=text, municipality=municipality, **fields)

    return ask


@pytest.fixture
def request_contact(network):
    """A parent asks to be contacted; by default with both safety choices "no"."""

    def request_contact(**fields) -> ContactRequest:
        values = {
            "lang": "fi",
            "topic": "violence_safety",
            "about": "Tarvitsen apua kotitilanteeseen.",
            "name": "Liisa",
            "phone": "040 123 4567",
            "when_to_call": "arkisin klo 15 jälkeen",
            "may_leave_message": False,
            "may_call_any_time": False,
            "municipality": network.espoo,
            **fields,
        }
        return contacts.request_contact(**values)

    return request_contact


def make_overdue(item: InboxItem, days: int = 1) -> InboxItem:
    """Time passes: the item's deadline was `days` ago."""
    type(item).objects.filter(pk=item.pk).update(due_at=timezone.now() - timedelta(days=days))
    item.refresh_from_db()
    return item
