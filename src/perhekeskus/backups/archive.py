"""The backup file: one tar archive holding

    manifest.json       what is inside and what the database held (`Manifest`), always first
    database.pgdump     `pg_dump --format=custom` (PostgreSQL), or
    database.sqlite3    a copy made with SQLite's online backup API
    files/<path>        the app's files under the data directory, e.g. files/cooperation/...

The manifest carries the size and SHA-256 of every other member, so that a changed, truncated or
swapped member is found before anything is restored. The archive is written beside its final
name and renamed into place, readable by its owner only: it holds special-category data.
"""

import hashlib
import io
import json
import os
import tarfile
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Any

FORMAT = "perhekeskus.backup/1"
MANIFEST_NAME = "manifest.json"
FILES_PREFIX = "files/"
DUMP_NAMES = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}
VENDOR_NAMES = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}
_MANIFEST_MAX_BYTES = 64 << 20
_CHUNK = 1 << 20


class BackupError(Exception):
    """A backup or a restore cannot go on; the message says why and what to do."""


class InvalidBackup(BackupError):
    """The file is not an intact Perhekeskus backup."""


@dataclass(frozen=True)
class StoredFile:
    """A file of the data directory: its path there ('/'-separated), size and SHA-256."""

    path: str
    size: int
    sha256: str


@dataclass(frozen=True)
class Manifest:
    """What a backup holds: the database's vendor, the dump's size and checksum, the rows of
    every table and the audit log's head at the moment of the dump, and the data files."""

    vendor: str
    created_at: str
    app_version: str
    dump_size: int
    dump_sha256: str
    tables: dict[str, int]
    audit_head: tuple[int, str] | None
    directories: tuple[str, ...]
    files: tuple[StoredFile, ...]

    @property
    def dump_name(self) -> str:
        return DUMP_NAMES[self.vendor]

    @property
    def rows(self) -> int:
        return sum(self.tables.values())

    def to_json(self) -> bytes:
        head = self.audit_head
        document = {
            "format": FORMAT,
            "created_at": self.created_at,
            "app_version": self.app_version,
            "database": {
                "vendor": self.vendor,
                "file": self.dump_name,
                "size": self.dump_size,
                "sha256": self.dump_sha256,
            },
            "tables": dict(sorted(self.tables.items())),
            "audit_head": None if head is None else {"sequence": head[0], "hash": head[1]},
            "directories": list(self.directories),
            "files": [vars(stored) for stored in self.files],
        }
        return json.dumps(document, indent=1, ensure_ascii=False).encode()

    @classmethod
    def from_json(cls, raw: bytes) -> "Manifest":
        """Raises InvalidBackup for anything but a manifest this version can restore."""
        try:
            return _manifest_parsed(json.loads(raw))
        except KeyError as error:
            raise InvalidBackup(f"Its manifest is not valid: {error} is missing.") from error
        except (ValueError, TypeError, AttributeError) as error:
            raise InvalidBackup(f"Its manifest is not valid: {error}.") from error


def _manifest_parsed(document: dict[str, Any]) -> Manifest:
    if document.get("format") != FORMAT:
        raise ValueError(f"format {document.get('format')!r}, expected {FORMAT!r}")
    database = document["database"]
    if database["vendor"] not in DUMP_NAMES or database["file"] != DUMP_NAMES[database["vendor"]]:
        raise ValueError(f"database {database['vendor']!r} in {database['file']!r}")
    tables = {str(name): _count(rows) for name, rows in document["tables"].items()}
    head = document["audit_head"]
    directories = tuple(safe_path(name) for name in document["directories"])
    files = tuple(_stored(entry, directories) for entry in document["files"])
    return Manifest(
        vendor=database["vendor"],
        created_at=str(document["created_at"]),
        app_version=str(document["app_version"]),
        dump_size=_count(database["size"]),
        dump_sha256=_digest(database["sha256"]),
        tables=tables,
        audit_head=None if head is None else (_count(head["sequence"]), _digest(head["hash"])),
        directories=directories,
        files=files,
    )


def _count(value: Any) -> int:
    if type(value) is not int or value < 0:
        raise ValueError(f"not a count: {value!r}")
    return value


def _digest(value: Any) -> str:
    if not isinstance(value, str) or len(value) != 64 or value.strip("0123456789abcdef"):
        raise ValueError(f"not a SHA-256: {value!r}")
    return value


def _stored(entry: dict[str, Any], directories: tuple[str, ...]) -> StoredFile:
    path = safe_path(entry["path"])
    if not any(path.startswith(f"{directory}/") for directory in directories):
        raise ValueError(f"file {path!r} outside the backed-up directories")
    return StoredFile(path=path, size=_count(entry["size"]), sha256=_digest(entry["sha256"]))


def safe_path(value: Any) -> str:
    """A relative '/'-separated path that cannot leave the directory it is joined to."""
    path = PurePosixPath(str(value))
    if path.is_absolute() or not path.parts or {"", ".", ".."} & set(path.parts) or "\\" in value:
        raise ValueError(f"unsafe path {value!r}")
    return path.as_posix()


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def copy_hashing(source: IO[bytes], target: Path) -> tuple[int, str]:
    """Copy a stream to a new file; returns its size and SHA-256."""
    digest, size = hashlib.sha256(), 0
    with target.open("xb") as handle:
        while chunk := source.read(_CHUNK):
            digest.update(chunk)
            handle.write(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


# --- Writing ---


def archive_write(*, path: Path, manifest: Manifest, dump: Path, files_root: Path) -> int:
    """Write the archive to `path` at once or not at all (a temporary file in the same
    directory, renamed), with mode 0600. The files are read from `files_root`. Returns the
    archive's size in bytes."""
    descriptor, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=".part"
    )
    try:
        with os.fdopen(descriptor, "wb") as handle:
            _members_write(handle, manifest, dump, files_root)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _directory_sync(path.parent)
    return path.stat().st_size


def _members_write(handle: IO[bytes], manifest: Manifest, dump: Path, files_root: Path) -> None:
    members: Iterable[tuple[str, Path]] = [
        (manifest.dump_name, dump),
        *((FILES_PREFIX + stored.path, files_root / stored.path) for stored in manifest.files),
    ]
    with tarfile.open(fileobj=handle, mode="w", format=tarfile.PAX_FORMAT) as archive:
        raw = manifest.to_json()
        archive.addfile(_member_info(MANIFEST_NAME, len(raw)), io.BytesIO(raw))
        for name, source in members:
            with source.open("rb") as content:
                archive.addfile(_member_info(name, source.stat().st_size), content)


def _member_info(name: str, size: int) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.size, info.mode = size, 0o600
    return info


def _directory_sync(directory: Path) -> None:
    """The rename itself reaches the disk."""
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


# --- Reading ---


def manifest_read(path: Path) -> Manifest:
    """The manifest of the backup at `path`; InvalidBackup if it is not a Perhekeskus backup."""
    try:
        with tarfile.open(path, mode="r:") as archive:
            member = archive.next()
            if member is None or member.name != MANIFEST_NAME or not member.isfile():
                raise InvalidBackup(f"It does not begin with {MANIFEST_NAME}.")
            content = archive.extractfile(member)
            raw = content.read(_MANIFEST_MAX_BYTES) if content is not None else b""
    except (tarfile.TarError, EOFError) as error:
        raise InvalidBackup(f"It is not a tar archive ({error}).") from error
    return Manifest.from_json(raw)


def archive_extract(*, path: Path, manifest: Manifest, into: Path) -> None:
    """Unpack the dump to `into/<dump name>` and the files to `into/files/`, each checked
    against the size and SHA-256 in the manifest. InvalidBackup at the first difference, a
    member the manifest does not name or one it names that is missing."""
    expected = {manifest.dump_name: (manifest.dump_size, manifest.dump_sha256)}
    expected |= {
        FILES_PREFIX + stored.path: (stored.size, stored.sha256) for stored in manifest.files
    }
    try:
        with tarfile.open(path, mode="r:") as archive:
            for member in archive:
                if member.name != MANIFEST_NAME:
                    _member_extract(archive, member, expected.pop(member.name, None), into)
    except (tarfile.TarError, EOFError) as error:
        raise InvalidBackup(f"The archive is damaged or cut short ({error}).") from error
    if expected:
        raise InvalidBackup(f"It lacks {', '.join(sorted(expected))}, named in its manifest.")


def _member_extract(
    archive: tarfile.TarFile,
    member: tarfile.TarInfo,
    expected: tuple[int, str] | None,
    into: Path,
) -> None:
    content = archive.extractfile(member) if member.isfile() else None
    if expected is None or content is None:
        raise InvalidBackup(f"It holds {member.name!r}, which its manifest does not name.")
    target = into / member.name
    target.parent.mkdir(parents=True, exist_ok=True)
    if copy_hashing(content, target) != expected:
        raise InvalidBackup(
            f"{member.name} does not match the checksum in its manifest: the backup has been "
            "changed or damaged."
        )
