"""Reading PTV Open API v11 JSON: files (one file or a directory of them) or API responses,
into a flat list of objects, each known by where it came from (file or URL, JSON path).

A document may hold one object, a list of objects, or a page `{pageNumber, pageCount,
itemList}`. Files may start with a UTF-8 byte-order mark (PTV's own do). PTV's own fixture
`V10VmOpenApiOrganization.json` carries `//` comments, which strict JSON does not allow: they
are removed (outside strings only) before parsing, and the run says so in a warning.
"""

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

# What kind of PTV object a JSON object is, told by a key only that kind has.
KIND_KEYS = (
    ("serviceChannelType", "channel"),
    ("serviceNames", "service"),
    ("organizationNames", "organisation"),
)


@dataclass(frozen=True)
class Problem:
    """An error or warning about a place in a document: file (or URL), JSON path, reason."""

    file: str
    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file} {self.path}: {self.reason}"

    def as_dict(self) -> dict[str, str]:
        return {"file": self.file, "path": self.path, "reason": self.reason}


@dataclass(frozen=True)
class Item:
    """One PTV object and where it was read."""

    kind: str  # organisation | service | channel
    data: dict[str, Any]
    file: str
    path: str


def strip_line_comments(text: str) -> tuple[str, bool]:
    """`text` without `//` comments outside JSON strings (URLs inside strings are kept)."""
    out: list[str] = []
    in_string = escaped = stripped = False
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if in_string:
            out.append(ch)
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
            i += 1
            continue
        if ch == '"':
            in_string = True
            out.append(ch)
            i += 1
            continue
        if ch == "/" and i + 1 < n and text[i + 1] == "/":
            stripped = True
            while i < n and text[i] not in "\r\n":
                i += 1
            continue
        out.append(ch)
        i += 1
    return "".join(out), stripped


def document_parse(text: str, source: str, errors: list[Problem], warnings: list[Problem]) -> Any:
    """JSON of one document, or None (with the error listed) when it cannot be read."""
    text = text.removeprefix("\ufeff")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        first = exc
    cleaned, stripped = strip_line_comments(text)
    if stripped:
        try:
            data = json.loads(cleaned)
        except json.JSONDecodeError:
            pass
        else:
            warnings.append(
                Problem(source, "$", _("the file has // comments, which were left out"))
            )
            return data
    errors.append(
        Problem(
            source,
            "$",
            _("not valid JSON (line %(line)s, column %(column)s: %(message)s)")
            % {"line": first.lineno, "column": first.colno, "message": first.msg},
        )
    )
    return None


def items_from(data: Any, source: str, errors: list[Problem]) -> list[Item]:
    """The PTV objects of one parsed document: an object, a list, or a page of them."""
    if isinstance(data, dict) and "itemList" in data:
        items = data.get("itemList")
        if items is None:
            return []
        if not isinstance(items, list):
            errors.append(Problem(source, "$.itemList", _("must be a list")))
            return []
        return _objects(items, "$.itemList", source, errors)
    if isinstance(data, list):
        return _objects(data, "$", source, errors)
    return _objects([data], "", source, errors)


def _objects(values: list[Any], base: str, source: str, errors: list[Problem]) -> list[Item]:
    found: list[Item] = []
    for position, value in enumerate(values):
        path = f"{base}[{position}]" if base else "$"
        if not isinstance(value, dict):
            errors.append(Problem(source, path, _("not a JSON object")))
            continue
        kind = next((k for key, k in KIND_KEYS if key in value), None)
        if kind is None:
            errors.append(
                Problem(
                    source,
                    path,
                    _("not a PTV service, service channel or organisation (no names found)"),
                )
            )
            continue
        found.append(Item(kind, value, source, path))
    return found


def files_read(paths: list[Path], errors: list[Problem], warnings: list[Problem]) -> list[Item]:
    """The objects of every `*.json` file named, or found directly in a directory named."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.iterdir() if p.suffix.lower() == ".json")
        elif path.is_file():
            files.append(path)
        else:
            errors.append(Problem(str(path), "$", _("no such file or directory")))
    items: list[Item] = []
    for path in files:
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError as exc:
            errors.append(Problem(path.name, "$", _("not UTF-8 text (%(error)s)") % {"error": exc}))
            continue
        data = document_parse(text, path.name, errors, warnings)
        if data is not None:
            items += items_from(data, path.name, errors)
    return items
