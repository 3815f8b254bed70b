"""`perhekeskus purge-parenting-plans`: delete the parenting plans past retention. The operator
schedules it with `perhekeskus purge` (daily, say): plans unchanged for
PERHEKESKUS_PARENTING_RETENTION_DAYS (90 by default) that no parent keeps in their login, with
their views and agreed texts; and the copies of plans sent to a family law service once the
contact request's personal data has been erased. Running it twice deletes nothing more."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from perhekeskus.parenting import selectors, services


class Command(BaseCommand):
    help = (
        "Delete parenting plans unchanged for the retention period that no parent has saved, "
        "and the copies of sent plans whose contact request has been erased."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Only count the plans that would be deleted; change nothing.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        days = getattr(settings, "PERHEKESKUS_PARENTING_RETENTION_DAYS", 90)
        if options["dry_run"]:
            count = selectors.expired_plans(services.retention_cutoff()).count()
            self.stdout.write(
                f"Would delete {count} parenting plan(s) unchanged for {days} days and not saved."
            )
            return
        purged = services.purge_expired()
        self.stdout.write(
            f"Deleted {purged.plans} parenting plan(s) unchanged for {days} days and not saved."
        )
        self.stdout.write(
            f"Erased {purged.sent_copies} sent copy(ies) of plans whose contact request was erased."
        )
