"""The benchmarks' shared helpers: percentiles by either method, results files."""

import json

from perhekeskus.benchkit import percentile, results_write


def test_percentile_nearest_index_rounds_the_zero_based_index():
    values = [float(v) for v in range(1, 101)]

    # round(0.5 × 99) = 50 (half to even), round(0.95 × 99) = 94, round(0.99 × 99) = 98.
    assert percentile(values, 0.50, method="nearest_index") == 51.0
    assert percentile(values, 0.95, method="nearest_index") == 95.0
    assert percentile(values, 0.99, method="nearest_index") == 99.0
    assert percentile([1.0, 2.0, 3.0, 4.0], 0.5, method="nearest_index") == 3.0
    assert percentile([1.0, 2.0, 3.0, 4.0], 0.5, method="nearest_rank") == 2.0
    assert percentile([], 0.95, method="nearest_index") == 0.0
    assert percentile([], 0.95, method="nearest_rank") == 0.0


def test_results_write_text_or_lines(tmp_path):
    report = {"benchmark": "x", "name": "Ähtäri"}

    json_path, md_path = results_write(
        report, tmp_path / "out", stem="x-sqlite", markdown=lambda r: ["# x", r["name"]]
    )
    assert json_path.name == "x-sqlite.json"
    assert md_path.read_text(encoding="utf-8") == "# x\nÄhtäri\n"
    assert "Ähtäri" in json_path.read_text(encoding="utf-8")

    json_path, md_path = results_write(
        report, tmp_path, stem="y", markdown=lambda r: "text\n", ensure_ascii=True
    )
    assert md_path.read_text(encoding="utf-8") == "text\n"
    assert "\\u00c4ht\\u00e4ri" in json_path.read_text(encoding="utf-8")
    assert json.loads(json_path.read_text(encoding="utf-8")) == report
