"""Where a family's message lands: the queue of the service asked about, else the area's queue
for the topic, else the area's general queue, else the national one; and a deadline of two
working days."""

import pytest
from django.utils import timezone

from perhekeskus.inbox import services as inbox
from perhekeskus.inbox.models import Queue
from perhekeskus.network.models import Area, Municipality
from perhekeskus.questions import services as questions
from perhekeskus.questions.selectors import question_by_code
from perhekeskus.workdays import working_days_between


def test_a_question_from_espoo_reaches_the_espoo_queue_and_opens_with_its_code(desk, network):
    asked = questions.ask(
        text="Vauva ei nuku", lang="fi", topic="sleep_eating", municipality=network.espoo
    )
    assert asked.question.queue == desk.espoo_queue
    assert question_by_code(asked.code) == asked.question
    assert question_by_code(asked.code[:-1] + ("A" if asked.code[-1] != "A" else "B")) is None
    vantaa = questions.ask(text="?", lang="fi", topic="other", municipality=network.vantaa)
    assert vantaa.question.queue == desk.vantaa_queue
    nowhere = questions.ask(text="?", lang="fi", topic="other")
    assert nowhere.question.queue == desk.national_queue


def test_the_answer_is_due_in_two_working_days(desk, network):
    asked = questions.ask(text="?", lang="fi", topic="other", municipality=network.espoo)
    assert working_days_between(timezone.now(), asked.question.due_at) == 2


def test_a_topic_queue_of_the_area_comes_before_its_general_queue(desk, network, request_contact):
    violence = Queue.objects.create(
        name="Espoo: väkivalta", area=network.espoo_area, topics=["violence_safety"]
    )
    assert request_contact(topic="violence_safety").queue == violence
    assert request_contact(topic="parenting").queue == desk.espoo_queue


def test_a_request_about_a_service_goes_to_that_services_queue(desk, network, request_contact):
    desk.vantaa_queue.services.add(network.child_health_clinic)
    request = request_contact(service=network.child_health_clinic)
    assert request.queue == desk.vantaa_queue


def test_no_active_queue_is_an_error_for_the_maintainer(desk, network):
    Queue.objects.update(is_active=False)
    with pytest.raises(inbox.NoQueue):
        inbox.route(kind="question", topic="other", municipality=network.espoo)


def test_a_city_divided_into_areas_by_postal_code_routes_to_one_of_its_areas(desk, network):
    helsinki = Municipality.objects.get(code="091")
    east = Area.objects.create(county=helsinki.county, name="Helsinki – Vuosaari")
    east.postal_areas.add(*helsinki.postal_areas.filter(code__startswith="009"))
    queue = Queue.objects.create(name="Vuosaari", area=east)

    asked = questions.ask(text="?", lang="fi", topic="other", municipality=helsinki)

    assert asked.question.queue == queue
