"""The hash chain of audit events (lokitiedot): one definition of what is hashed and how, used
by appending, by `audit verify` and by the benchmark, so that they can never disagree.

An event's hash is SHA-256 over a canonical serialisation of its own fields and the previous
event's hash: a JSON array (UTF-8, no spaces, non-ASCII kept as is) whose first element names
the format. JSON escapes every separator inside a value, so no value can run into the next.
The time is written in UTC with microseconds, so the hash does not depend on how a database
returns timestamps.
"""

import hashlib
import json
from collections.abc import Sequence
from datetime import UTC, datetime

FORMAT = "perhekeskus.audit/1"
GENESIS_HASH = "0" * 64

# The columns hashed, in this order; `previous_hash` last. `hash` itself is not among them.
CHAIN_FIELDS: tuple[str, ...] = (
    "sequence",
    "occurred_at",
    "actor_kind",
    "actor_id",
    "actor_label",
    "actor_role",
    "actor_organisation_id",
    "action",
    "target_type",
    "target_id",
    "family_id",
    "data_category",
    "purpose",
    "outcome",
    "reason",
    "flagged_for_review",
    "previous_hash",
)
OCCURRED_AT = CHAIN_FIELDS.index("occurred_at")
PREVIOUS_HASH = CHAIN_FIELDS.index("previous_hash")
_TIME = 1 + OCCURRED_AT  # after FORMAT

_sha256 = hashlib.sha256
_json_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
# `audit verify` serialises millions of events: the standard library's C encoder, made once,
# takes a third less time than `JSONEncoder.encode`, which sets one up on every call. Same
# output (a test compares them); the pure Python encoder where there is no C one.
_c_make_encoder = getattr(json.encoder, "c_make_encoder", None)
_c_iterencode = (
    _c_make_encoder(None, None, json.encoder.encode_basestring, None, ":", ",", False, False, True)
    if _c_make_encoder is not None
    else None
)


def _encode(values: list[object]) -> str:
    if _c_iterencode is None:
        return _json_encode(values)
    return "".join(_c_iterencode(values, 0))


def chain_time(moment: datetime) -> str:
    """The canonical time: UTC, ISO 8601, always with microseconds."""
    offset = moment.utcoffset()
    if offset is None:
        raise ValueError("audit times are timezone-aware")
    if offset:
        moment = moment.astimezone(UTC)
    if moment.microsecond:  # the faster call writes microseconds only when there are some
        return moment.isoformat()
    return moment.isoformat(timespec="microseconds")


def chain_digest(values: Sequence[object]) -> str:
    """The hash of an event whose CHAIN_FIELDS values are given in order (occurred_at as an
    aware datetime). Called once per event by `audit verify`: keep it lean."""
    row = [FORMAT, *values]
    row[_TIME] = chain_time(row[_TIME])  # type: ignore[arg-type]
    return _sha256(_encode(row).encode()).hexdigest()
