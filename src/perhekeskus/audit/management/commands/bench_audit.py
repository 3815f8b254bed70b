"""`perhekeskus bench-audit --events N --output DIR`: generation and verification speed of the
audit log and the cost of one `audit_record` call; writes audit-<database>.json and .md."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from perhekeskus.audit.bench import KeepRefused, audit_write_results, bench_audit


class Command(BaseCommand):
    help = (
        "Measure the audit log: generate N chained events (rolled back afterwards unless "
        "--keep), verify the chain, time audit_record. Writes audit-<database>.json and .md."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--events", type=int, default=200_000, metavar="N")
        parser.add_argument("--record-calls", type=int, default=2000, metavar="N")
        parser.add_argument("--output", default="bench/results", metavar="DIR")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--keep",
            action="store_true",
            help="Commit the events and vacuum before verifying (an empty, throwaway database "
            "only: audit events can never be deleted).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["events"] < 1 or options["record_calls"] < 1:
            raise CommandError("--events and --record-calls must be at least 1.")
        try:
            report = bench_audit(
                events=options["events"],
                record_calls=options["record_calls"],
                seed=options["seed"],
                keep=options["keep"],
            )
        except (KeepRefused, RuntimeError) as error:
            raise CommandError(str(error)) from error
        json_path, md_path = audit_write_results(report, Path(options["output"]))
        self.stdout.write(md_path.read_text(encoding="utf-8"))
        self.stdout.write(f"Results written to {json_path} and {md_path}")
