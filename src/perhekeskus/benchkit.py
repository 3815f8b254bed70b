"""What the benchmarks share: percentiles of timings, the database settled as in service, the
machine a benchmark ran on, and its results written as JSON and Markdown."""

import json
import math
import os
import platform
import resource
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Literal

from django.db import connection

PercentileMethod = Literal["nearest_rank", "nearest_index"]


def percentile(ordered: Sequence[float], fraction: float, *, method: PercentileMethod) -> float:
    """The `fraction` percentile of already sorted values (0.0 when there are none), without
    interpolation. The benchmarks have used two ways of choosing the value; each keeps its own so
    that its figures stay comparable with earlier runs:

    - "nearest_rank": the value at rank ceil(fraction × n), counted from 1;
    - "nearest_index": the value at index round(fraction × (n − 1)), counted from 0.
    """
    if not ordered:
        return 0.0
    if method == "nearest_rank":
        index = math.ceil(fraction * len(ordered)) - 1
    else:
        index = round(fraction * (len(ordered) - 1))
    return ordered[min(len(ordered) - 1, max(0, index))]


def database_settle(table: str | None = None) -> None:
    """Measure the database as it runs in service: PostgreSQL's autovacuum would long since have
    vacuumed freshly loaded tables (visibility map for index-only scans, planner statistics).
    On PostgreSQL VACUUM ANALYZE (of `table` alone if given); elsewhere ANALYZE."""
    if connection.vendor == "postgresql":
        statement = f"VACUUM ANALYZE {table}" if table else "VACUUM ANALYZE"
    else:
        statement = "ANALYZE"
    with connection.cursor() as cursor:
        cursor.execute(statement)


def load_average() -> list[float]:
    """The machine's load averages over 1, 5 and 15 minutes: other work shows in timings."""
    return [round(x, 2) for x in os.getloadavg()]


def machine_info(*, load: bool = True) -> dict[str, Any]:
    """Python version, CPUs and platform, and with `load` the load average now."""
    machine: dict[str, Any] = {
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
    }
    if load:
        machine["load_average"] = load_average()
    return machine


def peak_rss_mb() -> float:
    """The most resident memory this process has used so far, in MB."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def results_write(
    report: dict[str, Any],
    directory: Path,
    *,
    stem: str,
    markdown: Callable[[dict[str, Any]], str | Sequence[str]],
    ensure_ascii: bool = False,
) -> tuple[Path, Path]:
    """Write `report` as `<stem>.json` (indented; non-ASCII escaped only with `ensure_ascii`),
    then `markdown(report)` as `<stem>.md`, in `directory` (made if missing). `markdown` returns
    the text, or its lines, each then ended with a newline."""
    directory.mkdir(parents=True, exist_ok=True)
    json_path = directory / f"{stem}.json"
    json_path.write_text(
        json.dumps(report, indent=2, ensure_ascii=ensure_ascii) + "\n", encoding="utf-8"
    )
    text = markdown(report)
    if not isinstance(text, str):
        text = "\n".join(text) + "\n"
    md_path = directory / f"{stem}.md"
    md_path.write_text(text, encoding="utf-8")
    return json_path, md_path
