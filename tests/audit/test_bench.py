"""The audit benchmark measures and leaves the audit log as it found it."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from perhekeskus.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_the_benchmark_reports_speeds_and_leaves_the_log_as_it_was(reads, tmp_path):
    reads(3)
    output = StringIO()

    call_command(
        "bench_audit",
        "--events",
        "500",
        "--record-calls",
        "20",
        "--output",
        tmp_path,
        stdout=output,
    )

    report = json.loads((tmp_path / f"audit-{connection.vendor}.json").read_text())
    assert (report["events_before"], report["events_generated"]) == (3, 500)
    assert report["verify_events"] == 503 and report["verify_seconds"] > 0
    assert report["record_calls"] == 20 and report["record_p95_us"] >= report["record_p50_us"]
    assert "`audit verify` of 503 events" in output.getvalue()
    assert AuditEvent.objects.count() == 3
    assert AuditEvent.objects.order_by("-sequence").first().sequence == 3


def test_keeping_benchmark_events_is_refused_on_a_log_with_real_events(reads, tmp_path):
    reads()

    with pytest.raises(CommandError, match="keep only on an empty database"):
        call_command("bench_audit", "--events", "10", "--keep", "--output", tmp_path)
