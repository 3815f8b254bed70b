"""`perhekeskus restore PATH [--force]`: restore a backup made by `perhekeskus backup` into the
configured database and data directory, then prove it: every table's rows as the backup
counted them, and the audit log's hash chain intact up to the head the backup recorded.
Stop the app first; start it again afterwards."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from perhekeskus.backups.archive import VENDOR_NAMES, BackupError
from perhekeskus.backups.databases import database_described
from perhekeskus.backups.services import app_version, backup_restore, head_text


class Command(BaseCommand):
    help = (
        "Restore a backup into the configured database (which must be empty and of the same "
        "vendor) and data directory; then check row counts and the audit log's hash chain."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="A .tar file made by `perhekeskus backup`.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace whatever the database and the data directory's backed-up "
            "directories hold.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        target = database_described()
        try:
            done = backup_restore(path=options["path"], force=options["force"])
        except BackupError as error:
            # Raised only before the database changed, or by a load that was rolled back.
            raise CommandError(f"Nothing restored from {options['path']}: {error}") from error
        except OSError as error:
            raise CommandError(f"Restore of {options['path']} failed: {error}") from error
        manifest = done.manifest
        self.stdout.write(
            f"Restored {options['path']} (taken {manifest.created_at} on "
            f"{VENDOR_NAMES[manifest.vendor]}, version {manifest.app_version}) into {target} "
            f"in {done.seconds:.1f} s: {len(manifest.tables)} tables, {manifest.rows} rows, "
            f"{len(manifest.files)} file(s)."
        )
        if not done.ok:
            problems = "\n  ".join(done.problems)
            raise CommandError(f"The restored copy does NOT match the backup:\n  {problems}")
        self.stdout.write(
            f"Verified: every table's rows as in the backup; audit log intact "
            f"({done.audit.events_checked} events), head {head_text(manifest.audit_head)}."
        )
        if manifest.app_version != app_version():
            self.stdout.write(
                f"The backup is of version {manifest.app_version}, this is {app_version()}: "
                "run `perhekeskus migrate` before starting the app."
            )
