"""After the request: a professional of the queue contacts the family and closes the request;
a set time after closing, the family's personal data is erased; overdue requests stand out."""

from datetime import timedelta

import pytest
from django.utils import timezone

from perhekeskus.contacts import selectors, services
from perhekeskus.contacts.models import ContactRequest
from perhekeskus.inbox.models import InboxEvent, InboxItem
from perhekeskus.inbox.services import NotAllowed

pytestmark = pytest.mark.django_db


def a_request(network, **fields) -> ContactRequest:
    arguments = {
        "lang": "fi",
        "topic": "parenting",
        "about": "Tarvitsisin apua arkeen.",
        "name": "Sanna",
        "phone": "+358401234567",
        "email": "sanna@example.fi",
        "when_to_call": "aamupäivisin",
        "may_leave_message": False,
        "may_call_any_time": False,
        "municipality": network.espoo,
    }
    arguments.update(fields)
    return services.request_contact(**arguments)


def actions(request: ContactRequest) -> list[str]:
    return list(
        InboxEvent.objects.filter(
            item_kind=InboxEvent.Kind.CONTACT_REQUEST, item_id=request.pk
        ).values_list("action", flat=True)
    )


def test_the_nurse_contacts_the_family_and_closes_the_request(desk, network):
    request = a_request(network)

    services.mark_contacted(request, desk.aino, note="Soitettu, sovittu käynti")
    request.refresh_from_db()
    assert request.status == InboxItem.Status.CLAIMED
    assert request.claimed_by == desk.aino

    services.close(request, desk.aino, "Aika neuvolaan sovittu")
    request.refresh_from_db()
    assert request.status == InboxItem.Status.CLOSED
    assert request.closed_at is not None
    assert request.outcome == "Aika neuvolaan sovittu"
    assert actions(request) == ["received", "contacted", "closed"]
    contacted = InboxEvent.objects.get(item_id=request.pk, action="contacted")
    assert contacted.actor == "aino" and contacted.note == "Soitettu, sovittu käynti"


def test_a_professional_of_another_queue_can_neither_contact_nor_close(desk, network):
    request = a_request(network)

    with pytest.raises(NotAllowed):
        services.mark_contacted(request, desk.kalle)
    with pytest.raises(NotAllowed):
        services.close(request, desk.kalle, "—")
    request.refresh_from_db()
    assert request.status == InboxItem.Status.NEW
    assert actions(request) == ["received"]


def test_a_closed_request_is_not_closed_again(desk, network):
    request = a_request(network)
    services.close(request, desk.maija, "Ei tavoitettu")

    with pytest.raises(NotAllowed):
        services.close(request, desk.maija, "Uudestaan")
    with pytest.raises(NotAllowed):
        services.mark_contacted(request, desk.maija)


def test_personal_data_is_erased_only_after_retention(desk, network, settings):
    settings.PERHEKESKUS_CONTACT_RETENTION_DAYS = 30
    old = a_request(network)
    recent = a_request(network, name="Pekka")
    still_open = a_request(network, name="Liisa")
    services.close(old, desk.aino, "Ohjattu perhetyöhön")
    services.close(recent, desk.aino, "Hoidettu")
    now = timezone.now()
    ContactRequest.objects.filter(pk=old.pk).update(closed_at=now - timedelta(days=31))
    ContactRequest.objects.filter(pk=recent.pk).update(closed_at=now - timedelta(days=29))
    ContactRequest.objects.filter(pk=still_open.pk).update(created_at=now - timedelta(days=90))

    assert services.erase_expired(now=now) == 1

    old.refresh_from_db()
    assert (old.name, old.phone, old.email, old.when_to_call) == ("", "", "", "")
    assert old.about == "[erased]" and old.outcome == "[erased]"
    assert old.erased_at == now
    assert old.reference and old.topic == "parenting" and old.queue == desk.espoo_queue
    assert actions(old)[-1] == InboxEvent.Action.ERASED
    for kept in (recent, still_open):
        kept.refresh_from_db()
        assert kept.name and kept.phone and kept.erased_at is None
        assert InboxEvent.Action.ERASED not in actions(kept)
    # Nothing left to erase: running again erases nothing and logs nothing.
    assert services.erase_expired(now=now) == 0
    assert actions(old).count(InboxEvent.Action.ERASED) == 1


def test_erasure_cuts_the_link_to_the_anonymous_question(desk, network):
    from perhekeskus.questions import services as questions

    asked = questions.ask(text="Kysymys", lang="fi", topic="parenting", municipality=network.espoo)
    request = a_request(network, question=asked.question)
    services.close(request, desk.aino, "Hoidettu")

    services.erase_expired(now=timezone.now() + timedelta(days=31))

    request.refresh_from_db()
    assert request.question is None


def test_overdue_requests_are_open_ones_past_their_deadline(desk, network):
    now = timezone.now()
    overdue = a_request(network)
    closed_late = a_request(network)
    in_time = a_request(network)
    ContactRequest.objects.filter(pk__in=[overdue.pk, closed_late.pk]).update(
        due_at=now - timedelta(hours=1)
    )
    services.close(closed_late, desk.aino, "Hoidettu")

    assert list(selectors.overdue_requests(now)) == [overdue]
    assert in_time not in selectors.overdue_requests(now + timedelta(minutes=1))
    assert in_time in selectors.overdue_requests(in_time.due_at + timedelta(minutes=1))
