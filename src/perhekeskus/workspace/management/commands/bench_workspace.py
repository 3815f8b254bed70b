"""`perhekeskus bench_workspace --output DIR`: server time of the workspace's caseload and
family pages at county scale, their queries and the cost of auditing; writes
workspace-<database>.json and .md. Generate the data first with
`perhekeskus demo --clients county`."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from perhekeskus.workspace.bench import bench_workspace, workspace_write_results


class Command(BaseCommand):
    help = (
        "Measure the workspace's caseload and family pages (p50/p95/p99, queries, the cost of "
        "auditing) as logged-in professionals; rolled back afterwards unless --keep. Writes "
        "workspace-<database>.json and .md."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--requests", type=int, default=200, metavar="N")
        parser.add_argument("--workers", type=int, default=20, metavar="N")
        parser.add_argument("--warmup", type=int, default=10, metavar="N")
        parser.add_argument("--output", default="bench/results", metavar="DIR")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--no-verify",
            action="store_true",
            help="Do not time `audit verify` of the whole chain afterwards.",
        )
        parser.add_argument(
            "--keep",
            action="store_true",
            help="Commit the benchmark's sessions and audit events (a throwaway database only).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["requests"] < 1 or options["workers"] < 1:
            raise CommandError("--requests and --workers must be at least 1.")
        try:
            report = bench_workspace(
                requests=options["requests"],
                workers=options["workers"],
                warmup=options["warmup"],
                seed=options["seed"],
                verify=not options["no_verify"],
                keep=options["keep"],
            )
        except RuntimeError as error:
            raise CommandError(str(error)) from error
        json_path, md_path = workspace_write_results(report, Path(options["output"]))
        self.stdout.write(md_path.read_text(encoding="utf-8"))
        self.stdout.write(f"Results written to {json_path} and {md_path}")
