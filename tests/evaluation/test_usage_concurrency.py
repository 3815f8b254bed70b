"""Eight families search the same thing in the same minute, each in its own gunicorn worker,
when the day's counter does not exist yet: every one of them is counted, on one row."""

import threading
from datetime import date

import pytest
from django.db import connection

from perhekeskus.evaluation import usage
from perhekeskus.evaluation.models import UsageCount

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite serialises all writers, so two workers never race",
    ),
    pytest.mark.django_db(transaction=True),
]

WORKERS = 8


def test_simultaneous_first_counts_of_a_day_all_land_on_one_row(monkeypatch):
    day = date(2026, 3, 2)
    all_found_no_row = threading.Barrier(WORKERS, timeout=20)
    increment = usage._increment
    first_try: set[int] = set()

    def increment_then_wait(key):
        """Each has found no row before any inserts one: a real race for the INSERT."""
        done = increment(key)
        if threading.get_ident() not in first_try:
            first_try.add(threading.get_ident())
            all_found_no_row.wait()
        return done

    monkeypatch.setattr(usage, "_increment", increment_then_wait)
    errors: list[BaseException] = []

    def search() -> None:
        try:
            usage.usage_count_add(event="search", municipality_code="049", need="x", day=day)
        except BaseException as error:  # pragma: no cover - the test reports it
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=search) for _ in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert list(UsageCount.objects.values_list("count", flat=True)) == [WORKERS]
