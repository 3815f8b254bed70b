"""`perhekeskus bench-indicators --output DIR`: server time of the leaders' indicator dashboard
at county scale (every indicator and the charted trends of a county, an area, a municipality
and an organisation) and of `GET /api/v1/indicators`; writes indicators-<database>.json and
.md. Generate the data first with `perhekeskus demo --clients county`."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from perhekeskus.evaluation.bench import bench_indicators, indicators_write_results


class Command(BaseCommand):
    help = (
        "Measure the indicator dashboard (p50/p95/p99) for each kind of scope, counted live "
        "and from the materialised figures (refreshed first unless --no-refresh), and the "
        "indicators API. Writes indicators-<database>.json and .md."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--runs", type=int, default=100, metavar="N")
        parser.add_argument("--per-kind", type=int, default=20, metavar="N")
        parser.add_argument("--live-runs", type=int, default=10, metavar="N")
        parser.add_argument("--api-requests", type=int, default=50, metavar="N")
        parser.add_argument("--output", default="bench/results", metavar="DIR")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--no-refresh",
            action="store_true",
            help="Use the materialised figures as they are (refresh-indicators ran already).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        counts = (options["runs"], options["per_kind"], options["live_runs"])
        if min(counts) < 1 or options["api_requests"] < 1:
            raise CommandError("--runs, --per-kind, --live-runs and --api-requests must be ≥ 1.")
        try:
            report = bench_indicators(
                runs=options["runs"],
                per_kind=options["per_kind"],
                live_runs=options["live_runs"],
                api_requests=options["api_requests"],
                refresh=not options["no_refresh"],
                seed=options["seed"],
            )
        except RuntimeError as error:
            raise CommandError(str(error)) from error
        json_path, md_path = indicators_write_results(report, Path(options["output"]))
        self.stdout.write(md_path.read_text(encoding="utf-8"))
        self.stdout.write(f"Results written to {json_path} and {md_path}")
