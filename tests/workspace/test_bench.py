"""`perhekeskus bench_workspace` on a tiny county: it measures both pages as logged-in
professionals, counts their queries and the cost of auditing, writes its results, and leaves
the audit log as it found it."""

import json
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.utils import timezone

from perhekeskus.audit.models import AuditEvent
from perhekeskus.clients.demo import clients_generate, county_plan
from perhekeskus.staff.models import Professional
from perhekeskus.workspace.bench import bench_workspace, workspace_write_results
from tests.personas import PASSWORD


@pytest.fixture
def tiny_county(network, personas) -> None:
    for username, organisation, role, municipality in (
        ("hanna", network.county_org, Professional.Role.PUBLIC_HEALTH_NURSE, network.espoo),
        ("mikael", network.vantaa_org, Professional.Role.SOCIAL_WORKER, network.vantaa),
    ):
        Professional.objects.create(
            user=User.objects.create_user(username, password=PASSWORD),
            organisation=organisation,
            role=role,
            municipality=municipality,
        )
    clients_generate(scale="county", plan=county_plan(40), seed=5, today=timezone.localdate())


def test_the_benchmark_measures_both_pages_and_writes_its_results(tiny_county, tmp_path):
    events_before = AuditEvent.objects.count()
    report = bench_workspace(requests=6, workers=3, warmup=1, count_queries=2, verify=True)
    pages = {page["name"]: page for page in report["pages"]}
    assert set(pages) == {"caseload page", "family page"}
    for page in pages.values():
        assert page["statuses"] == {"200": 6}
        assert page["p50_ms"] <= page["p95_ms"] <= page["max_ms"]
        assert page["queries_mean"] > 0
        # Every page read is audited: the event is written inside the request.
        assert page["audit_events_per_request"] >= 1
        assert page["audit_ms_mean"] > 0
    assert report["workers_demo"] and report["data"]["families"] == 40
    assert report["verify_events"] == events_before
    # The benchmark's own reads were rolled back with its sessions.
    assert AuditEvent.objects.count() == events_before
    json_path, md_path = workspace_write_results(report, tmp_path)
    assert json.loads(json_path.read_text())["benchmark"] == "workspace"
    text = md_path.read_text()
    assert md_path.name == f"workspace-{report['database']}.md"
    assert "| caseload page |" in text and "| family page |" in text
    assert "audit_record" in text and "chain intact" in text


def test_the_command_writes_the_results_file_to_the_given_directory(tiny_county, tmp_path):
    output = StringIO()
    call_command(
        "bench_workspace", "--requests", "3", "--workers", "2", "--warmup", "0", "--no-verify",
        "--output", str(tmp_path), stdout=output,
    )  # fmt: skip
    assert list(tmp_path.glob("workspace-*.md"))
    assert "Results written to" in output.getvalue()


def test_the_benchmark_refuses_a_database_without_families_in_care(network, personas):
    with pytest.raises(RuntimeError, match="demo --clients county"):
        bench_workspace(requests=2, workers=2, verify=False)
