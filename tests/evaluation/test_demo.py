"""The demo has a leader to try the leading pages with: kaisa, family centre leader of the West
Uusimaa county, who may plan its areas and maintains its network. And it has something to lead
with: two years of anonymous usage counts (searches, gaps, guidance) and families' feedback."""

import csv
import time
from base64 import b32decode
from datetime import date
from io import StringIO

import pytest
from django.db.models import Sum
from django_otp.oath import TOTP

from perhekeskus.evaluation.access import leader_scopes, may_plan
from perhekeskus.evaluation.demo import (
    EMPTY_WORDS,
    feedback_demo,
    leading_demo,
    usage_demo,
)
from perhekeskus.evaluation.models import LeaderRole, UsageCount
from perhekeskus.evaluation.usage import search_words_normalise
from perhekeskus.feedback.models import Feedback
from perhekeskus.guidance.engine import DATA_DIR
from perhekeskus.network.demo import DEMO_PASSWORD
from perhekeskus.network.models import MaintainerRole, Municipality, ServiceType
from perhekeskus.staff.demo import DEMO_LEADERS, demo_leaders
from perhekeskus.staff.models import Professional

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 3)


def code_from_printed_key(key: str) -> str:
    totp = TOTP(b32decode(key.replace(" ", "")), 30, 0, 6, 0)
    totp.time = time.time()
    return f"{totp.token():06d}"


def test_kaisa_leads_and_plans_the_west_uusimaa_county(network):
    out = StringIO()
    [kaisa] = demo_leaders(stdout=out)

    assert (kaisa.user.username, kaisa.role) == ("kaisa", Professional.Role.LEADER)
    assert kaisa.organisation == network.county_org
    role = LeaderRole.objects.get(professional=kaisa)
    assert (role.county, role.may_plan) == (network.west_uusimaa, True)
    scopes = leader_scopes(kaisa)
    assert may_plan(scopes=scopes, county_id=network.west_uusimaa.pk)
    assert not may_plan(scopes=scopes, county_id=network.vantaa_kerava.pk)
    maintains = MaintainerRole.objects.get(user=kaisa.user)
    assert (maintains.county, maintains.organisation) == (network.west_uusimaa, None)
    assert "/fi/leading/" in out.getvalue()


def test_kaisa_logs_in_with_the_printed_password_and_key(client, network):
    out = StringIO()
    demo_leaders(stdout=out)
    key = next(line for line in out.getvalue().splitlines() if "kaisa" in line).split("key ")[1]
    key = key.split(";")[0]

    client.post("/fi/staff/login/", {"username": "kaisa", "password": DEMO_PASSWORD})
    response = client.post("/fi/staff/login/verify/", {"token": code_from_printed_key(key)})

    assert response.status_code == 302


def test_kaisas_key_in_the_documentation_is_the_key_in_use():
    import perhekeskus.staff.demo as demo

    for spec in DEMO_LEADERS:
        grouped = " ".join(spec.totp_base32[i : i + 4] for i in range(0, 32, 4))
        assert grouped in (demo.__doc__ or "")


def test_making_the_leader_again_changes_nothing(network):
    demo_leaders()
    demo_leaders()
    assert LeaderRole.objects.count() == 1
    assert MaintainerRole.objects.filter(user__username="kaisa").count() == 1
    assert Professional.objects.filter(user__username="kaisa").count() == 1


def test_usage_demo_counts_two_months_of_the_county_the_same_way_each_time(network):
    rows = usage_demo(seed=7, today=TODAY, months=2, county_codes=("03",))
    first = list(UsageCount.objects.order_by("pk").values_list(*_KEY, "count"))
    assert usage_demo(seed=7, today=TODAY, months=2, county_codes=("03",)) == rows
    assert list(UsageCount.objects.order_by("pk").values_list(*_KEY, "count")) == first
    assert rows == len(first) > 100

    days = UsageCount.objects.order_by("day").values_list("day", flat=True)
    assert (days.first(), days.last()) == (date(2026, 10, 1), date(2026, 12, 2))
    county = set(Municipality.objects.filter(county__code="03").values_list("code", flat=True))
    placed = set(UsageCount.objects.values_list("municipality_code", flat=True))
    assert placed - {""} <= county
    assert "049" in placed
    # Espoo is in one registry area here: its searches count for that area.
    espoo = UsageCount.objects.filter(event="search", municipality_code="049")
    assert set(espoo.values_list("area_id", flat=True)) == {network.espoo_area.pk}


def test_usage_demo_needs_are_real_codes_and_its_words_are_normalised(network):
    usage_demo(seed=7, today=TODAY, months=6, county_codes=("03",))
    types = set(ServiceType.objects.values_list("code", flat=True))
    with (DATA_DIR / "needs.csv").open(encoding="utf-8") as handle:
        needs = {row["code"] for row in csv.DictReader(handle)}
    searched = set(UsageCount.objects.exclude(event="guidance").values_list("need", flat=True))
    assert searched - {""} <= types
    guided = set(UsageCount.objects.filter(event="guidance").values_list("need", flat=True))
    assert guided and guided <= needs
    words = dict(
        UsageCount.objects.filter(event="search_empty")
        .values_list("text")
        .annotate(total=Sum("count"))
    )
    assert all(text == search_words_normalise(text) and text for text in words)
    # Some gaps are frequent enough to show (5 or more), and many are rarer.
    assert words["vauvauinti"] >= 5
    assert sum(1 for total in words.values() if total < 5) >= 3
    assert set(words) <= {search_words_normalise(text) for text, _need, _w in EMPTY_WORDS}
    assert not UsageCount.objects.filter(event="guidance").exclude(text="").exists()


def test_feedback_demo_is_added_only_where_there_is_none(network):
    written = feedback_demo(seed=7, today=TODAY, months=3, county_codes=("03",))
    assert written == Feedback.objects.count() > 0
    assert set(Feedback.objects.values_list("got_help", flat=True)) <= {"yes", "partly", "no"}
    assert not Feedback.objects.exclude(text="").exists()  # the demo writes no family's words
    assert set(Feedback.objects.values_list("area__county__code", flat=True)) == {"03"}
    assert feedback_demo(seed=7, today=TODAY, months=3, county_codes=("03",)) == 0
    assert Feedback.objects.count() == written


def test_an_existing_demo_gets_the_leader_and_counts_once(network, monkeypatch):
    import perhekeskus.evaluation.demo as demo

    monkeypatch.setattr(demo, "UUSIMAA_COUNTIES", ("03",))
    monkeypatch.setattr(demo, "MONTHS", 1)
    calls: list[str] = []
    real = demo.usage_demo

    def counted(**kwargs):
        calls.append("usage")
        return real(months=1, county_codes=("03",), **kwargs)

    monkeypatch.setattr(demo, "usage_demo", counted)
    leading_demo(seed=7, today=TODAY, if_empty=True)
    leading_demo(seed=7, today=TODAY, if_empty=True)
    assert calls == ["usage"]
    assert Professional.objects.filter(user__username="kaisa").count() == 1
    assert UsageCount.objects.exists()


_KEY = ("day", "event", "municipality_code", "area_id", "need", "text")
