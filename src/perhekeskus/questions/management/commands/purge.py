"""`perhekeskus purge`: delete what the family channel may no longer keep. The operator schedules
it (daily, say): anonymous questions past retention (PERHEKESKUS_QUESTION_RETENTION_DAYS after
the last message) and the personal data of contact requests closed long enough ago
(PERHEKESKUS_CONTACT_RETENTION_DAYS). Running it twice deletes nothing more."""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from perhekeskus.questions import selectors, services


def _contacts_eraser() -> Callable[[], int] | None:
    """contacts.services.erase_expired, once the contacts app has it."""
    try:
        from perhekeskus.contacts import services as contacts
    except ImportError:
        return None
    eraser = getattr(contacts, "erase_expired", None)
    return eraser if callable(eraser) else None


class Command(BaseCommand):
    help = (
        "Delete anonymous questions past retention and erase the personal data of contact "
        "requests closed long enough ago."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Only count the questions that would be deleted; change nothing.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        days = settings.PERHEKESKUS_QUESTION_RETENTION_DAYS
        if options["dry_run"]:
            count = selectors.expired().count()
            self.stdout.write(
                f"Would delete {count} anonymous question(s) with no message in {days} days."
            )
            self.stdout.write("Contact requests: not checked in a dry run.")
            return
        count = services.purge_expired()
        self.stdout.write(f"Deleted {count} anonymous question(s) with no message in {days} days.")
        from perhekeskus.parenting.services import purge_expired as parenting_purge

        purged = parenting_purge()
        self.stdout.write(
            f"Deleted {purged.plans} parenting plan(s) nobody saved, unchanged for "
            f"{settings.PERHEKESKUS_PARENTING_RETENTION_DAYS} days, and "
            f"{purged.sent_copies} sent copy(ies) of erased contact requests."
        )
        eraser = _contacts_eraser()
        if eraser is None:
            self.stdout.write("Contact requests: nothing to erase (not available).")
            return
        erased = eraser()
        contact_days = settings.PERHEKESKUS_CONTACT_RETENTION_DAYS
        self.stdout.write(
            f"Erased the personal data of {erased} contact request(s) closed over "
            f"{contact_days} days ago."
        )
