"""`perhekeskus bench-ptv` on a small county: the generated documents import, a second run of
them changes nothing, 5 % changed texts update only those services, and the database is left
as it was. No timings are asserted."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from perhekeskus.network.models import Organisation, Service, Site
from perhekeskus.ptv.models import ImportRun, PtvRecord

pytestmark = pytest.mark.django_db


def test_the_bench_imports_a_county_twice_without_changes_and_leaves_nothing_behind(tmp_path):
    services_before = Service.objects.count()
    stdout = StringIO()

    call_command("bench_ptv", "--services", "20", "--output", str(tmp_path), stdout=stdout)

    report = json.loads((tmp_path / f"ptv-{connection.vendor}.json").read_text(encoding="utf-8"))
    assert (tmp_path / f"ptv-{connection.vendor}.md").is_file()
    assert report["first_import"]["counts"]["service"]["created"] == 20
    assert report["first_import"]["counts"]["site"]["created"] == 20
    assert report["first_import"]["untyped"] == 0
    assert report["second_import"]["changes"] == 0
    assert report["second_import"]["counts"]["service"]["unchanged"] == 20
    assert report["second_import"]["rows_added"]["change_records"] == 0
    assert report["changed_import"]["counts"]["service"]["updated"] == 1
    assert report["rolled_back"] is True
    # Rolled back: the register holds no new services, sites, organisations or PTV records.
    assert Service.objects.count() == services_before
    assert not Service.objects.filter(ptv_id__isnull=False).exists()
    assert not Site.objects.filter(ptv_id__isnull=False).exists()
    assert not Organisation.objects.filter(ptv_id__isnull=False).exists()
    assert not PtvRecord.objects.exists()
    assert not ImportRun.objects.exists()
    assert "Results written to" in stdout.getvalue()
