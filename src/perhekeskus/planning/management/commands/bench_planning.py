"""`perhekeskus bench_planning --output DIR`: areas proposed for every county, how many within
the band, coverage before and after the suggested meeting places and the computing time;
Uusimaa against the regional model's 30 areas and the demo's drawing. Writes planning.json and
planning.md. Run on a database with the demo's sites (`perhekeskus demo --scale region`)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from perhekeskus.planning.bench import bench_planning, planning_write_results


class Command(BaseCommand):
    help = (
        "Measure the area planner on every county (areas, within the band, coverage, time) "
        "and write planning.json and planning.md."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", default="bench/results", metavar="DIR")
        parser.add_argument("--repeats", type=int, default=3, metavar="N")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["repeats"] < 1:
            raise CommandError("--repeats must be at least 1.")
        report = bench_planning(repeats=options["repeats"])
        json_path, md_path = planning_write_results(report, Path(options["output"]))
        self.stdout.write(md_path.read_text(encoding="utf-8"))
        self.stdout.write(f"Results written to {json_path} and {md_path}")
