"""`perhekeskus refresh-indicators [--months N]`: count the client-data figures of every scope
by month into the materialised table the dashboards read (see
`perhekeskus.evaluation.materialised`). Run it nightly; a database that never ran it counts
live."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from perhekeskus.evaluation.materialised import materialised_refresh


class Command(BaseCommand):
    help = (
        "Count the indicators' monthly client-data figures of every county, area, municipality "
        "and organisation into the materialised table (the last --months full months)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--months", type=int, default=36, metavar="N")

    def handle(self, *args: Any, **options: Any) -> None:
        if not 1 <= options["months"] <= 120:
            raise CommandError("--months must be between 1 and 120.")
        result = materialised_refresh(months=options["months"], stdout=self.stdout)
        self.stdout.write(
            f"Indicator figures of {result.scopes} scopes, {result.first_month:%Y-%m} to "
            f"{result.last_month:%Y-%m}: {result.rows} rows in {result.seconds} s."
        )
