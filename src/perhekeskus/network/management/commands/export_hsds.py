"""`perhekeskus export-hsds DIR`: the register as Open Referral HSDS 3.0 JSON files."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from perhekeskus.network.hsds.exporter import hsds_write


class Command(BaseCommand):
    help = "Write the service network as HSDS 3.0 JSON files (one array per object type) to DIR."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path)
        parser.add_argument(
            "--include-drafts",
            action="store_true",
            help="Also export draft and archived services and activities (a full backup).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        counts = hsds_write(
            directory=options["directory"], include_drafts=options["include_drafts"]
        )
        for name, count in counts.items():
            self.stdout.write(f"{name}.json: {count}")
