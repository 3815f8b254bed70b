"""Due dates of client processes (määräajat), from the day the matter arose.

Defaults: a multi-actor service-need assessment (palvelutarpeen arviointi) of a family with
children is started by the seventh working day after the matter arose and completed within three
months of it (sosiaalihuoltolaki 1301/2014, 36 §). Working days skip weekends and Finnish public
holidays (`perhekeskus.workdays`); three months are calendar months, ending on the same day of
the month, or the month's last day when it has no such day (30 November → 28 February). Other
kinds have no statutory deadline and none by default.

An area sets its own in `settings.PERHEKESKUS_PROCESS_DEADLINES`, a dict of kind to
`{"start_working_days": int | None, "complete_days": int | None}`, where completion may be given
instead as `"complete_months": int`. A kind's entry replaces the default entry of that kind
whole; kinds left out keep theirs. An entry that cannot be read is ImproperlyConfigured.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from perhekeskus.processes.models import Kind
from perhekeskus.workdays import add_working_days

DEFAULT_DEADLINES: dict[str, dict[str, int | None]] = {
    Kind.SERVICE_NEED_ASSESSMENT: {"start_working_days": 7, "complete_months": 3},
}
KEYS = frozenset({"start_working_days", "complete_days", "complete_months"})


@dataclass(frozen=True)
class Deadline:
    """A kind's deadlines; None where there is none."""

    start_working_days: int | None = None
    complete_days: int | None = None
    complete_months: int | None = None


def deadline_for(kind: str) -> Deadline:
    """The kind's deadlines: the setting's entry for the kind, else the default."""
    configured: dict[str, Any] = getattr(settings, "PERHEKESKUS_PROCESS_DEADLINES", None) or {}
    unknown_kinds = set(configured) - set(Kind.values)
    if unknown_kinds:
        raise ImproperlyConfigured(f"PERHEKESKUS_PROCESS_DEADLINES: {sorted(unknown_kinds)}")
    entry = configured.get(kind, DEFAULT_DEADLINES.get(kind, {}))
    return _read(kind, entry)


def due_dates(*, kind: str, arose_on: date) -> tuple[date | None, date | None]:
    """The dates by which a process of the kind is to be started and completed."""
    deadline = deadline_for(kind)
    due_start = None
    if deadline.start_working_days is not None:
        noon = datetime.combine(arose_on, time(12))
        due_start = add_working_days(noon, deadline.start_working_days).date()
    due_complete = None
    if deadline.complete_days is not None:
        due_complete = arose_on + timedelta(days=deadline.complete_days)
    elif deadline.complete_months is not None:
        due_complete = arose_on + relativedelta(months=deadline.complete_months)
    return due_start, due_complete


def _read(kind: str, entry: Any) -> Deadline:
    unknown = set(entry) - KEYS if isinstance(entry, dict) else {"(not a dict)"}
    if unknown:
        raise ImproperlyConfigured(f"PERHEKESKUS_PROCESS_DEADLINES[{kind!r}]: {sorted(unknown)}")
    values = {key: entry.get(key) for key in KEYS}
    wrong = [k for k, v in values.items() if v is not None and (type(v) is not int or v < 0)]
    if values["complete_days"] is not None and values["complete_months"] is not None:
        wrong.append("complete_days and complete_months")
    if wrong:
        raise ImproperlyConfigured(f"PERHEKESKUS_PROCESS_DEADLINES[{kind!r}]: {sorted(wrong)}")
    return Deadline(**values)
