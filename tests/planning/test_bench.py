"""`perhekeskus bench_planning` writes its figures for every county (on the test database:
the reference data and the personas' few sites)."""

import json

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_the_planning_benchmark_writes_json_and_markdown(network, tmp_path):
    call_command("bench_planning", "--output", str(tmp_path), "--repeats", "1", stdout=None)
    report = json.loads((tmp_path / "planning.json").read_text(encoding="utf-8"))
    assert report["all"]["counties"] == 23
    uusimaa = report["uusimaa"]
    assert uusimaa["in_band"] >= uusimaa["demo_drawing"]["in_band_and_contiguous"]
    assert uusimaa["regional_model_areas"] == 30
    markdown = (tmp_path / "planning.md").read_text(encoding="utf-8")
    assert "## Uusimaa" in markdown and "target < 10 s" in markdown
