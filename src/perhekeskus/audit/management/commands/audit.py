"""`perhekeskus audit verify`: walk the audit log's hash chain and report the first event that
was changed, removed, reordered or inserted. For an operator's scheduler and for monitoring:
the exit status is non-zero when the chain is broken."""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from perhekeskus.audit.verify import audit_verify


def anchor(text: str) -> tuple[int, str]:
    sequence, separator, digest = text.partition(":")
    if not separator or not sequence.isdigit() or len(digest) != 64:
        raise ValueError(text)
    return int(sequence), digest.lower()


class Command(BaseCommand):
    help = "The audit log (lokitiedot). `verify`: check that no event was tampered with."

    def add_arguments(self, parser: CommandParser) -> None:
        subcommands = parser.add_subparsers(dest="subcommand", required=True)
        verify = subcommands.add_parser(
            "verify",
            help="Walk the hash chain; exit with status 1 at the first event found wrong.",
        )
        verify.add_argument(
            "--from-sequence",
            type=int,
            default=1,
            metavar="N",
            help="Start at event N, trusting event N-1 (checked by an earlier run).",
        )
        verify.add_argument(
            "--anchor",
            type=anchor,
            action="append",
            default=[],
            metavar="SEQUENCE:HASH",
            help="A head printed by an earlier run and kept elsewhere; may be repeated.",
        )
        verify.add_argument(
            "--workers",
            type=int,
            default=None,
            metavar="N",
            help="Processes walking slices of the log (default: one per CPU, up to 8, for a "
            "log of 200 000 events or more).",
        )
        verify.add_argument("--chunk", type=int, default=20_000, metavar="N")

    def handle(self, *args: Any, **options: Any) -> None:
        if min(options["chunk"], options["from_sequence"], options["workers"] or 1) < 1:
            raise CommandError("--chunk, --from-sequence and --workers must be at least 1.")
        started = time.perf_counter()
        result = audit_verify(
            chunk=options["chunk"],
            from_sequence=options["from_sequence"],
            anchors=dict(options["anchor"]),
            workers=options["workers"],
        )
        seconds = time.perf_counter() - started
        if not result.ok:
            raise CommandError(
                f"Audit log TAMPERED: first bad event {result.first_bad_sequence}: "
                f"{result.problem}. {result.events_checked} events before it were intact."
            )
        if result.head_sequence is None:
            self.stdout.write(f"Audit log intact: no events to check ({seconds:.1f} s).")
            return
        self.stdout.write(
            f"Audit log intact: {result.events_checked} events checked in {seconds:.1f} s "
            f"({result.processes} process{'es' if result.processes > 1 else ''}); "
            f"head {result.head_sequence}:{result.head_hash}"
        )
