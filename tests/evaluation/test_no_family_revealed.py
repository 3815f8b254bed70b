"""No indicator reveals a single family: a county with one family in care shows nothing about
it, in any scope, indicator, breakdown, trend or the API's JSON; and with few families of every
kind, no count of 1–4 about families is ever shown."""

import json
import random
from datetime import date

import pytest
from django.test import Client
from django.utils import translation

from perhekeskus.evaluation.indicators import (
    SPECS,
    Period,
    indicator_trend,
    indicators_compute,
)
from perhekeskus.evaluation.selectors import scope_resolve
from perhekeskus.network.tokens import api_token_create
from perhekeskus.processes.models import ClientProcess
from perhekeskus.referrals.models import Referral
from tests.evaluation.building import (
    MARCH,
    families,
    feedback,
    process,
    referral,
    worker,
)

pytestmark = pytest.mark.django_db
FAMILY_GROUPS = ("client_processes", "feedback")
YEAR = Period(date(2025, 4, 1), date(2026, 3, 31))


def _scopes(network):
    return [
        scope_resolve(kind="county", key=network.west_uusimaa.code),
        scope_resolve(kind="area", key=str(network.espoo_area.hsds_id)),
        scope_resolve(kind="municipality", key=network.espoo.code),
        scope_resolve(kind="organisation", key=str(network.ngo.hsds_id)),
        scope_resolve(kind="organisation", key=str(network.county_org.hsds_id)),
    ]


def _family_numbers(values):
    """Every number shown about families: values and breakdown cells."""
    for value in values:
        if value.group not in FAMILY_GROUPS:
            continue
        yield value.code, value.value
        for row in value.breakdown:
            yield value.code, row.value


@pytest.fixture
def one_family_in_care(network):
    """The Virtanens, the county's only family: a process of each kind over the year, a
    referral to the NGO that was accepted with a first contact, and their feedback."""
    (family,) = families(1)
    own = worker(network.ngo, network.espoo)
    process(family, network.ngo, kind=ClientProcess.Kind.MANY_SERVICES, own_worker=own)
    process(
        family,
        network.ngo,
        kind=ClientProcess.Kind.SERVICE_NEED_ASSESSMENT,
        arose_on=date(2026, 3, 2),
        status=ClientProcess.Status.ACTIVE,
        started_on=date(2026, 3, 3),
        due_start=date(2026, 3, 5),
    )
    sender = worker(network.county_org, network.espoo)
    referral(sender=sender, to=network.ngo, status=Referral.Status.FIRST_CONTACT, family=family)
    feedback(
        1,
        got_help="partly",
        service=network.family_cafe,
        site=network.meeting_place,
        text="Virtaset kiittävät",
    )
    return family


def test_a_county_with_one_family_in_care_shows_nothing_about_it(network, one_family_in_care):
    for scope in _scopes(network):
        for period in (MARCH, YEAR):
            values = indicators_compute(scope=scope, period=period)
            for code, number in _family_numbers(values):
                assert number in (None, 0), (scope.kind, code, number)


def test_its_trends_show_nothing_either(network, one_family_in_care):
    for scope in _scopes(network):
        for spec in SPECS:
            if spec.group not in FAMILY_GROUPS:
                continue
            for point in indicator_trend(scope=scope, period=YEAR, code=spec.code):
                assert point.value in (None, 0), (scope.kind, spec.code, point)


def test_nor_does_the_api(network, one_family_in_care, helena):
    _token, plaintext = api_token_create(user=helena.user, name="t")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {plaintext}")
    for scope in _scopes(network):
        response = client.get(
            "/api/v1/indicators",
            {"scope": scope.kind, "id": scope.key, "from": "2026-03-01", "to": "2026-03-31"},
            secure=True,
        )
        assert response.status_code == 200
        body = response.json()
        for item in body["indicators"]:
            if item["group"] in FAMILY_GROUPS:
                assert item["value"] in (None, 0), item
                assert all(row["value"] in (None, 0) for row in item["breakdown"]), item
        text = json.dumps(body, ensure_ascii=False)
        assert "Virtase" not in text
        assert "sairastaa" not in text
        assert "Väsyttää" not in text


def test_with_few_families_of_every_kind_no_count_of_one_to_four_is_shown(network):
    """Random small numbers of processes, referrals and feedback: whatever falls where, no
    shown figure about families is 1–4, and no breakdown leaves one hidden cell to subtract."""
    rng = random.Random(7)
    county_worker = worker(network.county_org, network.espoo)
    ngo_worker = worker(network.ngo, network.espoo)
    for kind in ClientProcess.Kind.values:
        for organisation in (network.county_org, network.ngo):
            for _ in range(rng.choice([0, 1, 2, 3, 5, 6])):
                (family,) = families(1)
                process(family, organisation, kind=kind)
    statuses = list(Referral.Status.values)
    for _ in range(23):
        status = rng.choice(statuses)
        sender, to = rng.choice(
            [
                (county_worker, network.ngo),
                (ngo_worker, network.county_org),
                (county_worker, network.vantaa_org),
            ]
        )
        referral(
            sender=sender,
            to=to,
            status=status,
            reason_kind=rng.choice(["", "no_capacity", "other"]) if status == "declined" else "",
            first_contact_after_days=rng.randint(0, 20),
        )
    for answer in ("yes", "partly", "no"):
        feedback(
            rng.choice([1, 2, 6]),
            got_help=answer,
            service=network.family_cafe,
            site=network.meeting_place,
        )
    for scope in _scopes(network):
        values = indicators_compute(scope=scope, period=MARCH)
        for code, number in _family_numbers(values):
            if SPECS_BY_UNIT[code] == "count":
                assert number is None or not 0 < number < 5, (scope.kind, code, number)
        for value in values:
            if value.group in FAMILY_GROUPS and value.unit == "count" and not value.suppressed:
                hidden = [row for row in value.breakdown if row.suppressed]
                assert len(hidden) != 1, (scope.kind, value.code)


SPECS_BY_UNIT = {spec.code: spec.unit for spec in SPECS}


def test_declined_reasons_and_support_needs_in_words_never_reach_any_text(network):
    sender = worker(network.county_org, network.espoo)
    for _ in range(6):
        referral(
            sender=sender, to=network.ngo, status=Referral.Status.DECLINED, reason_kind="other"
        )
    for _ in range(6):
        (family,) = families(1)
        process(family, network.county_org)
    with translation.override("fi"):
        values = indicators_compute(scope=scope_resolve(kind="county", key="03"), period=MARCH)
    text = repr(values)
    for words in ("sairastaa", "seurakunnan", "Väsyttää", "Perhe muutti"):
        assert words not in text


def test_the_moment_of_a_single_referral_is_not_a_figure_either(network):
    """One referral sent in March: the March trend point is hidden like the March total."""
    sender = worker(network.county_org, network.espoo)
    referral(sender=sender, to=network.ngo, sent_on=date(2026, 3, 3))
    points = indicator_trend(
        scope=scope_resolve(kind="county", key="03"), period=YEAR, code="referrals_by_route"
    )
    assert [p.value for p in points if p.suppressed] == [None]
    assert all(p.value == 0 for p in points if not p.suppressed)
