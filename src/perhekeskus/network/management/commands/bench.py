from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from perhekeskus.bench import bench_api, bench_write_results


class Command(BaseCommand):
    help = "Measure API latency (p50/p95/p99) on the current database; writes bench/results/."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("suite", choices=["api"])
        parser.add_argument("--requests", type=int, default=200)
        parser.add_argument("--warmup", type=int, default=10)
        parser.add_argument("--output", default="bench/results")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = bench_api(requests=options["requests"], warmup=options["warmup"])
        except RuntimeError as error:
            raise CommandError(str(error)) from error
        json_path, md_path = bench_write_results(report, Path(options["output"]))
        self.stdout.write(md_path.read_text(encoding="utf-8"))
        self.stdout.write(f"Results written to {json_path} and {md_path}")
