"""The family channel as indicators: searches and guidance by need, the searches that found
nothing with their words (only words at least 5 searched), and how fast anonymous questions and
contact requests were answered, in working days."""

from datetime import date, datetime

import pytest
from django.utils import timezone, translation

from perhekeskus.evaluation.indicators import Period, indicator_trend, indicators_compute
from perhekeskus.evaluation.selectors import scope_resolve
from perhekeskus.inbox.models import InboxEvent, Queue
from perhekeskus.network.models import ServiceType
from tests.evaluation.building import MARCH, county_scope, inbox_item, indicator, usage

pytestmark = pytest.mark.django_db


def _values(scope, period=MARCH):
    with translation.override("en"):
        return indicators_compute(scope=scope, period=period)


def _moment(day: int, hour: int) -> datetime:
    return timezone.make_aware(datetime(2026, 3, day, hour))


def _type_name(code: str) -> str:
    with translation.override("en"):
        return ServiceType.objects.get(code=code).name


def test_searches_and_guidance_by_need(network):
    usage("search", 12, need="child_health_clinic")
    usage("search", 3, need="family_work")
    usage("guidance", 4, need="expecting")
    values = _values(county_scope(network))
    searches = indicator(values, "searches")
    assert searches.value == 15
    # Anonymous use: counts of usage are shown however small.
    assert [(r.label, r.value) for r in searches.breakdown] == [
        (_type_name("child_health_clinic"), 12),
        (_type_name("family_work"), 3),
    ]
    guidance = indicator(values, "guidance_uses")
    assert guidance.value == 4
    assert guidance.breakdown[0].value == 4
    # The need's name in the reader's language, not its code.
    assert guidance.breakdown[0].label == "We are expecting a baby"


def test_searches_that_found_nothing_by_municipality(network):
    usage("search_empty", 6, municipality_code=network.espoo.code, text="vauvauinti")
    usage("search_empty", 2, municipality_code="", area_id=network.espoo_area.pk, text="x")
    usage("search_empty", 9, municipality_code=network.vantaa.code, text="vauvauinti")
    value = indicator(_values(county_scope(network)), "searches_empty_by_municipality")
    # Vantaa lies in another county.
    assert value.value == 8
    with translation.override("en"):
        espoo = network.espoo.name
    assert (espoo, 6) in [(r.label, r.value) for r in value.breakdown]


def test_words_are_shown_only_when_five_searches_had_them(network):
    usage("search_empty", 3, text="vauvauinti ruotsiksi", day=date(2026, 3, 2))
    usage("search_empty", 2, text="vauvauinti ruotsiksi", day=date(2026, 3, 20))
    usage("search_empty", 4, text="kaksoset isä yksin")
    usage("search_empty", 1, text="virtanen perhe")
    value = indicator(_values(county_scope(network)), "searches_empty_words")
    rows = [(r.label, r.value) for r in value.breakdown]
    assert rows == [("vauvauinti ruotsiksi", 5), ("other words", 5)]
    labels = " ".join(r.label for r in value.breakdown)
    assert "kaksoset" not in labels
    assert "virtanen" not in labels


def test_a_municipality_sees_its_own_searches_and_an_area_those_placed_in_it(network):
    usage("search", 5, municipality_code=network.espoo.code)
    usage("search", 7, municipality_code="", area_id=network.espoo_area.pk)
    municipality = scope_resolve(kind="municipality", key=network.espoo.code)
    area = scope_resolve(kind="area", key=str(network.espoo_area.hsds_id))
    assert indicator(_values(municipality), "searches").value == 5
    assert indicator(_values(area), "searches").value == 7
    assert indicator(_values(county_scope(network)), "searches").value == 12


def test_family_channel_counters_mean_nothing_for_an_organisation(network):
    scope = scope_resolve(kind="organisation", key=str(network.ngo.hsds_id))
    values = _values(scope)
    channel = [v for v in values if v.group == "family_channel"]
    assert channel
    assert all(v.applicable is False and v.value is None for v in channel)


def test_the_trend_of_searches_that_found_nothing(network):
    usage("search_empty", 4, day=date(2026, 1, 10), text="a")
    usage("search_empty", 6, day=date(2026, 3, 10), text="b")
    points = indicator_trend(
        scope=county_scope(network),
        period=Period(date(2026, 1, 1), date(2026, 3, 31)),
        code="searches_empty",
    )
    assert [p.value for p in points] == [4, 0, 6]


@pytest.fixture
def espoo_queue(network):
    return Queue.objects.create(name="Espoon perhekeskus", area=network.espoo_area)


def test_questions_answered_within_one_and_three_working_days(network, espoo_queue):
    question = InboxEvent.Kind.QUESTION
    # Monday 9 March: ten answered the same day, five on Thursday, five two weeks later.
    for answered in [_moment(9, 15)] * 10 + [_moment(12, 9)] * 5 + [_moment(23, 9)] * 5:
        inbox_item(queue=espoo_queue, kind=question, received=_moment(9, 10), answered=answered)
    values = _values(county_scope(network))
    assert indicator(values, "questions_answered_1_day").value == 50.0
    assert indicator(values, "questions_answered_3_days").value == 75.0


def test_a_question_on_friday_answered_on_monday_is_within_one_working_day(network, espoo_queue):
    question = InboxEvent.Kind.QUESTION
    for _ in range(5):
        inbox_item(
            queue=espoo_queue, kind=question, received=_moment(13, 15), answered=_moment(16, 9)
        )
    for _ in range(5):
        inbox_item(
            queue=espoo_queue, kind=question, received=_moment(13, 15), answered=_moment(17, 16)
        )
    value = indicator(_values(county_scope(network)), "questions_answered_1_day")
    assert value.value == 50.0


def test_contact_requests_count_the_first_contact(network, espoo_queue):
    contact = InboxEvent.Kind.CONTACT_REQUEST
    for _ in range(5):
        inbox_item(
            queue=espoo_queue, kind=contact, received=_moment(10, 9), answered=_moment(10, 14)
        )
    for _ in range(5):
        # Never contacted: late, once its time has run out.
        inbox_item(queue=espoo_queue, kind=contact, received=_moment(10, 9), answered=None)
    values = _values(county_scope(network))
    assert indicator(values, "contacts_answered_1_day").value == 50.0
    assert indicator(values, "contacts_answered_3_days").value == 50.0


def test_a_share_of_few_questions_is_not_shown(network, espoo_queue):
    question = InboxEvent.Kind.QUESTION
    for _ in range(4):
        inbox_item(
            queue=espoo_queue, kind=question, received=_moment(9, 10), answered=_moment(9, 11)
        )
    value = indicator(_values(county_scope(network)), "questions_answered_1_day")
    assert value.suppressed and value.value is None
