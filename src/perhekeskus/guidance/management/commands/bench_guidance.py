from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from perhekeskus.guidance.bench import API_REQUESTS, CALLS, bench_guidance, guidance_write_results


class Command(BaseCommand):
    help = (
        "Measure guidance: top-1 and top-3 kinds of help for the written situations, urgent "
        "detection, guide() speed in process and over the API, and the model's memory. Needs "
        "demo data (services are found through search). Writes guidance-<database>.json and .md."
    )
    # System checks import the URLconf and with it the guidance engine: skipped, so that the
    # memory before the engine is imported is measured.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", default="bench/results", metavar="DIR")
        parser.add_argument("--calls", type=int, default=CALLS, metavar="N")
        parser.add_argument("--api-requests", type=int, default=API_REQUESTS, metavar="N")
        parser.add_argument("--situations", default="bench/queries/guidance.csv", metavar="CSV")

    def handle(self, *args: Any, **options: Any) -> None:
        situations = Path(options["situations"])
        if not situations.exists():
            raise CommandError(f"{situations} not found: run from the repository's root.")
        if options["calls"] < 1 or options["api_requests"] < 0:
            raise CommandError("--calls must be at least 1 and --api-requests at least 0.")
        try:
            report = bench_guidance(
                situations_path=situations,
                calls=options["calls"],
                api_requests=options["api_requests"],
            )
        except (RuntimeError, ValueError) as error:
            raise CommandError(str(error)) from error
        json_path, md_path = guidance_write_results(report, Path(options["output"]))
        self.stdout.write(md_path.read_text(encoding="utf-8"))
        self.stdout.write(f"Results written to {json_path} and {md_path}")
