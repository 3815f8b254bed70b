"""`perhekeskus overdue`: per queue, how many items are past their response deadline and the
oldest deadline. For an operator's scheduler (cron, a systemd timer) and, later, e-mail alerts."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from perhekeskus.inbox.selectors import overdue_by_queue


class Command(BaseCommand):
    help = (
        "List, per queue, the questions and contact requests past their response deadline and "
        "the oldest deadline. Exits with status 0; with --fail-if-any, with status 1 when "
        "something is overdue (for monitoring)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--fail-if-any",
            action="store_true",
            help="Exit with status 1 when any item is overdue.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        rows = overdue_by_queue()
        if not rows:
            self.stdout.write("No overdue items.")
            return
        total = sum(row.count for row in rows)
        self.stdout.write(f"Overdue items: {total} in {len(rows)} queue(s)")
        for row in rows:
            oldest = timezone.localtime(row.oldest_due_at).strftime("%Y-%m-%d %H:%M")
            self.stdout.write(
                f"  {row.queue.name_fi or row.queue.name} (#{row.queue.pk}): "
                f"{row.count} overdue, oldest due {oldest}"
            )
        if options["fail_if_any"]:
            raise SystemExit(1)
