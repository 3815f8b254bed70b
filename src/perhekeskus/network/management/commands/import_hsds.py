"""`perhekeskus import-hsds DIR`: read HSDS 3.0 JSON files; all or nothing."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from perhekeskus.network.hsds.importer import hsds_import


class Command(BaseCommand):
    help = (
        "Validate the HSDS 3.0 JSON files in DIR (and our x_perhekeskus_area.json) and, when "
        "everything is valid, create or update areas, organisations, sites, services, hours and "
        "activities by their HSDS ids; rows whose content is unchanged are left alone. Nothing "
        "is written when any record is wrong."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        report = hsds_import(directory=options["directory"])
        for warning in report.warnings:
            self.stderr.write(f"warning: {warning}")
        if report.errors:
            for error in report.errors:
                self.stderr.write(str(error))
            raise CommandError(
                f"{len(report.errors)} error(s); nothing was imported.", returncode=2
            )
        for name, counts in report.counts.items():
            self.stdout.write(f"{name}: " + ", ".join(f"{n} {what}" for what, n in counts.items()))
