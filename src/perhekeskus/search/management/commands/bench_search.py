from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from perhekeskus.search.bench import bench_search, http_measure, search_write_results
from perhekeskus.search.selectors import SearchQuery

# The HTTP part needs the repository's scripts (gunicorn + wrk); run from a checkout.
HTTP_SCRIPT = Path(settings.BASE_DIR).parents[1] / "scripts" / "bench-search"


class Command(BaseCommand):
    help = (
        "Measure search: relevance (hit@3, nDCG@10) of the written queries, speed in process and "
        "over HTTP, memory; beside a PostgreSQL full-text baseline when on PostgreSQL. Writes "
        "search-<database>.json and .md."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", default="bench/results", metavar="DIR")
        parser.add_argument("--queries", type=int, default=1000, metavar="N")
        parser.add_argument("--relevance", default="bench/queries/relevance.csv", metavar="CSV")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--skip-http", action="store_true")
        parser.add_argument("--http-seconds", type=int, default=20, metavar="S")
        parser.add_argument("--http-connections", type=int, default=4, metavar="N")

    def handle(self, *args: Any, **options: Any) -> None:
        relevance = Path(options["relevance"])
        if not relevance.exists():
            raise CommandError(f"{relevance} not found: run from the repository's root.")
        if options["queries"] < 1:
            raise CommandError("--queries must be at least 1.")

        def http(mix: Sequence[SearchQuery]) -> dict[str, Any]:
            self.stderr.write("Measuring over HTTP (gunicorn + wrk) …")
            return http_measure(
                mix,
                script=HTTP_SCRIPT,
                seconds=options["http_seconds"],
                connections=options["http_connections"],
            )

        try:
            report = bench_search(
                relevance_path=relevance,
                queries=options["queries"],
                seed=options["seed"],
                http=None if options["skip_http"] else http,
            )
        except RuntimeError as error:
            raise CommandError(str(error)) from error
        json_path, md_path = search_write_results(report, Path(options["output"]))
        self.stdout.write(md_path.read_text(encoding="utf-8"))
        self.stdout.write(f"Results written to {json_path} and {md_path}")
