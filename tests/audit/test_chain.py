"""The hash depends on the event's values only: not on how a database returns times, nor on the
JSON encoder taken for speed."""

import hashlib
import json
from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from perhekeskus.audit.chain import FORMAT, GENESIS_HASH, chain_digest, chain_time

HELSINKI = ZoneInfo("Europe/Helsinki")


def _values(**changes):
    values = {
        "sequence": 7,
        "occurred_at": datetime(2026, 3, 1, 8, 30, 0, 120000, tzinfo=UTC),
        "actor_kind": "professional",
        "actor_id": "aino",
        "actor_label": "terveydenhoitaja, Espoo",
        "actor_role": "public_health_nurse",
        "actor_organisation_id": "",
        "action": "family.read",
        "target_type": "family",
        "target_id": "1",
        "family_id": "family-virtanen",
        "data_category": "health",
        "purpose": "break_glass",
        "outcome": "allowed",
        "reason": 'Lapsi "hätätilassa"\\ ensiavussa,\nomatyöntekijä ei tavoitettavissa \x01 👶',
        "flagged_for_review": True,
        "previous_hash": GENESIS_HASH,
    }
    values.update(changes)
    return values


def test_the_serialisation_is_plain_json_of_the_values_with_the_time_in_utc():
    values = _values()
    reference = json.dumps(
        [FORMAT, *{**values, "occurred_at": "2026-03-01T08:30:00.120000+00:00"}.values()],
        ensure_ascii=False,
        separators=(",", ":"),
    )

    assert chain_digest(list(values.values())) == (
        hashlib.sha256(reference.encode("utf-8")).hexdigest()
    )


@pytest.mark.parametrize(
    "moment",
    [
        datetime(2026, 3, 1, 10, 30, 0, 120000, tzinfo=HELSINKI),
        datetime(2026, 3, 1, 8, 30, 0, 120000, tzinfo=ZoneInfo("UTC")),
        datetime(2026, 3, 1, 9, 30, 0, 120000, tzinfo=timezone(timedelta(hours=1))),
    ],
)
def test_the_same_moment_hashes_alike_in_any_time_zone(moment):
    assert chain_digest(list(_values(occurred_at=moment).values())) == chain_digest(
        list(_values().values())
    )


def test_times_always_carry_microseconds_and_naive_times_are_refused():
    assert chain_time(datetime(2026, 3, 1, 8, 30, tzinfo=UTC)) == "2026-03-01T08:30:00.000000+00:00"
    assert chain_time(datetime(2026, 3, 1, 8, 30, 0, 5, tzinfo=UTC)).endswith(":00.000005+00:00")
    with pytest.raises(ValueError):
        chain_time(datetime(2026, 3, 1, 8, 30))


@pytest.mark.parametrize(
    ("field", "value"),
    [("actor_label", "terveydenhoitaja, Vantaa"), ("flagged_for_review", False), ("sequence", 8)],
)
def test_any_changed_value_changes_the_hash(field, value):
    assert chain_digest(list(_values(**{field: value}).values())) != chain_digest(
        list(_values().values())
    )


def test_a_separator_inside_a_value_cannot_shift_into_the_next_one():
    one = _values(actor_id='aino","x', actor_label="y")
    other = _values(actor_id="aino", actor_label='x","y')

    assert chain_digest(list(one.values())) != chain_digest(list(other.values()))
