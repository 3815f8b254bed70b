"""Backing up and restoring an installation: the database and the files the app keeps under the
data directory (PERHEKESKUS_DATA_DIR), in one file (see `archive`).

A restore changes nothing until the whole backup has been checked against its manifest, and
only into a database of the same vendor that is empty (unless forced). Afterwards it proves
itself: every table holds the rows the manifest lists and the audit log's hash chain verifies,
ending on the head recorded at the backup.

Not in a backup, on purpose: the keys (SECRET_KEY, PERHEKESKUS_IDENTITY_KEYS and
PERHEKESKUS_IDENTITY_HASH_KEY, or `make run`'s secret_key file, from which the demo derives
them); they belong in the secret store, apart from the data they unlock. Nor `static/`, which
`collectstatic` makes again.
"""

import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import models

from perhekeskus.audit.verify import VerifyResult, audit_verify
from perhekeskus.backups.archive import (
    DUMP_NAMES,
    FILES_PREFIX,
    VENDOR_NAMES,
    BackupError,
    Manifest,
    StoredFile,
    archive_extract,
    archive_write,
    copy_hashing,
    file_sha256,
    manifest_read,
)
from perhekeskus.backups.databases import database_dump, database_inventory, database_load, vendor

BACKUPS_DIRECTORY = "backups"


@dataclass(frozen=True)
class BackupMade:
    path: Path
    size: int
    seconds: float
    manifest: Manifest
    # File storages outside the data directory, whose files are not in the backup.
    outside: tuple[str, ...]


@dataclass(frozen=True)
class RestoreDone:
    manifest: Manifest
    seconds: float
    audit: VerifyResult
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def backup_create(*, output: Path | None = None) -> BackupMade:
    """Back up the configured database and the data directory's files to `output` (a file,
    or a directory for the default name; default: PERHEKESKUS_DATA_DIR/backups), named by the
    time in UTC. Refuses to overwrite a file."""
    started, now = time.perf_counter(), datetime.now(UTC)
    path = _backup_path(output, now)
    directories, outside = state_directories()
    with tempfile.TemporaryDirectory(dir=path.parent, prefix=".backup-") as work:
        dump = Path(work) / DUMP_NAMES[vendor()]
        inventory = database_dump(into=dump)
        files = _files_copy(directories, into=Path(work) / FILES_PREFIX)
        manifest = Manifest(
            vendor=vendor(),
            created_at=now.isoformat(timespec="seconds").replace("+00:00", "Z"),
            app_version=app_version(),
            dump_size=dump.stat().st_size,
            dump_sha256=file_sha256(dump),
            tables=inventory.tables,
            audit_head=inventory.audit_head,
            directories=directories,
            files=files,
        )
        size = archive_write(
            path=path, manifest=manifest, dump=dump, files_root=Path(work) / FILES_PREFIX
        )
    return BackupMade(path, size, time.perf_counter() - started, manifest, outside)


def backup_restore(*, path: Path, force: bool = False) -> RestoreDone:
    """Restore the backup at `path` into the configured database and data directory, then
    check the result. BackupError, with nothing changed, for a file that is not an intact
    backup, a backup of the other database vendor, or (without `force`) a database or data
    directory that already holds something."""
    started = time.perf_counter()
    if not path.is_file():
        raise BackupError(f"{path}: no such file.")
    manifest = manifest_read(path)
    data_dir = Path(settings.DATA_DIR)
    data_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=data_dir, prefix=".restore-") as work:
        archive_extract(path=path, manifest=manifest, into=Path(work))
        held = database_inventory().tables
        _target_check(manifest, held=held, force=force)
        database_load(dump=Path(work) / manifest.dump_name, replace=bool(held))
        _files_put_in_place(manifest, staged=Path(work) / FILES_PREFIX, aside=Path(work) / "old")
    audit = audit_verify()
    problems = restore_problems(manifest, audit)
    return RestoreDone(manifest, time.perf_counter() - started, audit, problems)


def restore_problems(manifest: Manifest, audit: VerifyResult) -> tuple[str, ...]:
    """How the restored database and files differ from the manifest; nothing when equal."""
    held = database_inventory().tables
    problems = [
        _table_problem(name, manifest.tables.get(name), held.get(name))
        for name in sorted(manifest.tables.keys() | held.keys())
    ]
    if not audit.ok:
        problems.append(f"audit log broken at event {audit.first_bad_sequence}: {audit.problem}")
    elif _head(audit) != manifest.audit_head:
        found, expected = head_text(_head(audit)), head_text(manifest.audit_head)
        problems.append(f"audit log head {found} is not the backup's {expected}")
    problems += [_file_problem(Path(settings.DATA_DIR), stored) for stored in manifest.files]
    return tuple(problem for problem in problems if problem)


def _table_problem(name: str, expected: int | None, found: int | None) -> str:
    if expected == found:
        return ""
    if expected is None:
        return f"table {name} is not in the backup (left from the database before)"
    if found is None:
        return f"table {name} is missing"
    return f"table {name} has {found} rows, the backup {expected}"


def _file_problem(data_dir: Path, stored: StoredFile) -> str:
    path = data_dir / stored.path
    if not path.is_file() or path.stat().st_size != stored.size:
        return f"file {stored.path} is missing or differs"
    return ""


def _head(audit: VerifyResult) -> tuple[int, str] | None:
    return None if audit.head_sequence is None else (audit.head_sequence, audit.head_hash)


def head_text(head: tuple[int, str] | None) -> str:
    """The audit log's head as `audit verify` prints it (sequence:hash)."""
    return "(no events)" if head is None else f"{head[0]}:{head[1]}"


def app_version() -> str:
    try:
        return version("perhekeskus")
    except PackageNotFoundError:
        return "unknown"


def state_directories() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Where the app keeps files that belong with the database: every file field's storage
    directory under the data directory (today `cooperation/`, the agreements' documents),
    relative to it; and, apart, storages elsewhere, which a backup does not include."""
    data_dir = Path(settings.DATA_DIR).resolve()
    inside, outside = set(), set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if not isinstance(field, models.FileField):
                continue
            location = getattr(field.storage, "location", None)
            where = Path(location).resolve() if location else None
            if where is not None and where.is_relative_to(data_dir) and where != data_dir:
                inside.add(where.relative_to(data_dir).as_posix())
            else:
                outside.add(f"{model._meta.label}.{field.name} ({location or field.storage})")
    return tuple(sorted(inside)), tuple(sorted(outside))


def _backup_path(output: Path | None, now: datetime) -> Path:
    name = f"perhekeskus-{now:%Y%m%dT%H%M%SZ}.tar"
    if output is None:
        output = Path(settings.DATA_DIR) / BACKUPS_DIRECTORY
        output.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = output / name if output.is_dir() else output
    if path.exists():
        raise BackupError(f"{path} exists already: a backup never overwrites a file.")
    if not path.parent.is_dir():
        raise BackupError(f"{path.parent}: no such directory.")
    return path


def _files_copy(directories: tuple[str, ...], *, into: Path) -> tuple[StoredFile, ...]:
    """Copy the directories' files aside, so that the archive holds exactly what was hashed."""
    data_dir, stored = Path(settings.DATA_DIR), []
    for directory in directories:
        for source in sorted((data_dir / directory).rglob("*")):
            if source.is_file() and not source.is_symlink():
                relative = source.relative_to(data_dir).as_posix()
                (into / relative).parent.mkdir(parents=True, exist_ok=True)
                with source.open("rb") as content:
                    size, digest = copy_hashing(content, into / relative)
                stored.append(StoredFile(path=relative, size=size, sha256=digest))
    return tuple(stored)


def _target_check(manifest: Manifest, *, held: dict[str, int], force: bool) -> None:
    here = vendor()
    if manifest.vendor != here:
        raise BackupError(
            f"This is a backup of a {VENDOR_NAMES[manifest.vendor]} database and the "
            f"configured database is {VENDOR_NAMES[here]}: restore it into "
            f"{VENDOR_NAMES[manifest.vendor]} (DATABASE_URL)."
        )
    if force:
        return
    if held:
        raise BackupError(
            f"The database is not empty: it has {len(held)} tables with "
            f"{sum(held.values())} rows. Restore into a new database that nothing has run "
            "on, not even `perhekeskus migrate` (createdb; for SQLite a new "
            "PERHEKESKUS_DATA_DIR), or pass --force to replace all of it."
        )
    files = [path for name in manifest.directories for path in _files_under(name)]
    if files:
        raise BackupError(
            f"The data directory already holds {len(files)} files where the backup's go "
            f"({', '.join(manifest.directories)}). Pass --force to replace them."
        )


def _files_under(directory: str) -> list[Path]:
    root = Path(settings.DATA_DIR) / directory
    return [path for path in root.rglob("*") if not path.is_dir()] if root.is_dir() else []


def _files_put_in_place(manifest: Manifest, *, staged: Path, aside: Path) -> None:
    """Each backed-up directory replaces the one in the data directory (moved aside, and
    removed with the restore's temporary directory)."""
    data_dir = Path(settings.DATA_DIR)
    for directory in manifest.directories:
        source, target = staged / directory, data_dir / directory
        source.mkdir(parents=True, exist_ok=True)
        if target.exists():
            (aside / directory).parent.mkdir(parents=True, exist_ok=True)
            target.rename(aside / directory)
        target.parent.mkdir(parents=True, exist_ok=True)
        source.rename(target)
