"""`perhekeskus backup [--output PATH]`: the database and the data directory's files in one
file, readable by its owner only; schedule it (daily, say) and keep copies elsewhere."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from perhekeskus.backups.archive import VENDOR_NAMES, BackupError
from perhekeskus.backups.services import backup_create, head_text


def size_text(size: int) -> str:
    """Bytes as an operator reads them: 812 B, 4.2 MB, 1.3 GB."""
    if size < 1000:
        return f"{size} B"
    amount, unit = size / 1000, "kB"
    for larger in ("MB", "GB", "TB"):
        if amount < 1000:
            break
        amount, unit = amount / 1000, larger
    return f"{amount:.1f} {unit}"


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump on PostgreSQL, the online backup API on SQLite) and the "
        "files kept under PERHEKESKUS_DATA_DIR into one .tar file with a manifest (mode 0600)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output",
            type=Path,
            metavar="PATH",
            help="The file to write, or a directory for the default name "
            "(default: PERHEKESKUS_DATA_DIR/backups/perhekeskus-<UTC time>.tar).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            made = backup_create(output=options["output"])
        except (BackupError, OSError) as error:
            raise CommandError(f"Backup failed: {error}") from error
        manifest = made.manifest
        self.stdout.write(
            f"Backup written to {made.path} ({size_text(made.size)}) in {made.seconds:.1f} s."
        )
        self.stdout.write(
            f"{VENDOR_NAMES[manifest.vendor]}: {len(manifest.tables)} tables, "
            f"{manifest.rows} rows; audit log head {head_text(manifest.audit_head)}."
        )
        self.stdout.write(
            f"Files: {len(manifest.files)} under {', '.join(manifest.directories) or '-'}."
        )
        for location in made.outside:
            self.stderr.write(f"Not in the backup (outside the data directory): {location}")
        if options["verbosity"] >= 1:
            self.stdout.write("Rows per table (tables with rows):")
            for name, rows in sorted(manifest.tables.items()):
                if rows:
                    self.stdout.write(f"  {name:<48} {rows:>10}")
