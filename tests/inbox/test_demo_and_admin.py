"""The demo's queues and memberships, and the admin where queues are kept and the log is read
but never changed."""

from io import StringIO

from django.contrib.auth.models import User

from perhekeskus.inbox.demo import demo_memberships, demo_queues
from perhekeskus.inbox.models import AnswerTemplate, InboxEvent, Queue
from perhekeskus.questions import services as questions
from perhekeskus.staff.models import Professional
from tests.personas import PASSWORD


def _professional(username, network, role, municipality):
    return Professional.objects.create(
        user=User.objects.create_user(username, password=PASSWORD),
        organisation=network.county_org,
        role=role,
        municipality=municipality,
    )


def test_the_demo_makes_a_queue_per_area_and_a_national_one(network):
    output = StringIO()
    queues = demo_queues(stdout=output)

    area_queue, national = queues
    assert area_queue.area == network.espoo_area and area_queue.takes_questions
    assert area_queue.name_sv.startswith("Familjecentret")
    assert national.area is None and national.takes_contact_requests
    assert {t.lang for t in AnswerTemplate.objects.filter(queue=area_queue)} == {"fi", "sv"}
    assert 3 <= AnswerTemplate.objects.filter(queue=national, lang="fi").count() <= 4
    assert "2 queues" in output.getvalue()

    assert demo_queues() == queues  # again: nothing doubled
    assert AnswerTemplate.objects.count() == 2 * 6
    asked = questions.ask(text="?", lang="fi", topic="other", municipality=network.espoo)
    assert asked.question.queue == area_queue
    assert questions.ask(text="?", lang="fi", topic="other").question.queue == national


def test_demo_professionals_join_their_areas_queue_and_coordinators_lead(network):
    area_queue, national = demo_queues()
    nurse = _professional("nurse", network, Professional.Role.PUBLIC_HEALTH_NURSE, network.espoo)
    lead = _professional("lead", network, Professional.Role.COORDINATOR, network.espoo)
    elsewhere = _professional("far", network, Professional.Role.SOCIAL_WORKER, network.vantaa)

    memberships = demo_memberships([nurse, lead, elsewhere])

    assert [(m.queue, m.is_lead) for m in memberships] == [
        (area_queue, False),
        (area_queue, True),
        (national, False),
    ]
    assert len(demo_memberships([nurse])) == 1
    assert Queue.objects.get(pk=area_queue.pk).memberships.count() == 2


def test_the_admin_keeps_queues_with_their_members(client, desk, personas):
    client.force_login(personas.olli)
    listing = client.get("/fi/admin/inbox/queue/")
    assert listing.status_code == 200 and "Espoon perhekeskus" in listing.content.decode()
    change = client.get(f"/fi/admin/inbox/queue/{desk.espoo_queue.pk}/change/")
    assert change.status_code == 200
    assert "name_sv" in change.content.decode() and "memberships" in change.content.decode()


def test_the_log_of_actions_cannot_be_changed_even_by_the_superuser(client, desk, ask):
    asked = ask()
    event = InboxEvent.objects.get(item_id=asked.question.pk)
    client.force_login(User.objects.get(username="olli"))

    assert client.get("/fi/admin/inbox/inboxevent/").status_code == 200
    assert client.get("/fi/admin/inbox/inboxevent/add/").status_code == 403
    assert client.post(f"/fi/admin/inbox/inboxevent/{event.pk}/delete/").status_code == 403
    changed = client.post(
        f"/fi/admin/inbox/inboxevent/{event.pk}/change/", {"action": "closed", "note": "x"}
    )
    assert changed.status_code == 403
    event.refresh_from_db()
    assert (event.action, event.note) == ("received", "")
