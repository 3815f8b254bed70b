"""Open or closed at a moment, for every site and service of the index at once.

A service at a site keeps the site's hours unless it has hours of its own. An exception on a
date (a holiday, a closure) replaces the weekly hours of that date. Times are Helsinki time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import numpy as np

if TYPE_CHECKING:
    from perhekeskus.search.index import Hours, Snapshot

HELSINKI = ZoneInfo("Europe/Helsinki")
NO_DATE_LOW = date.min.toordinal()
NO_DATE_HIGH = date.max.toordinal()


def local_moment(moment: datetime | None) -> datetime | None:
    """A moment as Helsinki wall-clock time (naive moments are taken to be Helsinki time)."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=HELSINKI)
    return moment.astimezone(HELSINKI)


def now_local() -> datetime:
    return datetime.now(HELSINKI)


@dataclass
class WeekdayRows:
    """Weekly hours of one weekday as arrays: owner (site or link id), opens, closes (minutes)
    and validity (date ordinals)."""

    owner: np.ndarray
    opens: np.ndarray
    closes: np.ndarray
    valid_from: np.ndarray
    valid_to: np.ndarray


def _weekday_rows(hours: Hours) -> list[WeekdayRows]:
    rows: list[list[tuple[int, int, int, int, int]]] = [[] for _ in range(7)]
    for owner, entries in hours.weekly.items():
        for weekday, opens, closes, valid_from, valid_to in entries:
            rows[weekday].append(
                (
                    owner,
                    opens,
                    closes,
                    valid_from.toordinal() if valid_from else NO_DATE_LOW,
                    valid_to.toordinal() if valid_to else NO_DATE_HIGH,
                )
            )
    tables = []
    for day_rows in rows:
        columns = list(zip(*day_rows, strict=True)) if day_rows else [()] * 5
        tables.append(WeekdayRows(*(np.asarray(column, dtype=np.int64) for column in columns)))
    return tables


ExceptionsByDate = dict[date, list[tuple[int, bool, int, int]]]


def _exceptions_by_date(hours: Hours) -> ExceptionsByDate:
    by_date: ExceptionsByDate = {}
    for owner, exceptions in hours.exceptions.items():
        for day, (closed, opens, closes) in exceptions.items():
            by_date.setdefault(day, []).append((owner, closed, opens, closes))
    return by_date


def _open_owners(rows: WeekdayRows, exceptions: ExceptionsByDate, moment: datetime) -> set[int]:
    """Owners (sites or links) open at `moment`."""
    minute = moment.hour * 60 + moment.minute
    day = moment.date()
    ordinal = day.toordinal()
    selected = (
        (rows.opens <= minute)
        & (minute < rows.closes)
        & (rows.valid_from <= ordinal)
        & (ordinal <= rows.valid_to)
    )
    open_owners = set(rows.owner[selected].tolist())
    for owner, closed, opens, closes in exceptions.get(day, ()):
        if not closed and opens <= minute < closes:
            open_owners.add(owner)
        else:
            open_owners.discard(owner)
    return open_owners


class OpeningTable:
    """Which services are open at a moment, and a site's status for one service."""

    def __init__(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        self.site_rows = _weekday_rows(snapshot.site_hours)
        self.link_rows = _weekday_rows(snapshot.link_hours)
        self.site_exceptions = _exceptions_by_date(snapshot.site_hours)
        self.link_exceptions = _exceptions_by_date(snapshot.link_hours)
        # For each (service, site) row of the snapshot, the link id when that service keeps
        # hours of its own there, else -1: those rows follow their own hours, not the site's.
        own = {
            (snapshot.slot_of_pk[document.pk], site): link
            for document in snapshot.documents
            for link, site in document.own_hours_links
        }
        self.row_own_link = np.asarray(
            [
                own.get((int(slot), int(site)), -1)
                for slot, site in zip(snapshot.link_slot, snapshot.link_site, strict=True)
            ],
            dtype=np.int64,
        )

    def open_services(self, moment: datetime) -> np.ndarray:
        snapshot = self.snapshot
        open_sites = _open_owners(self.site_rows[moment.weekday()], self.site_exceptions, moment)
        open_links = _open_owners(self.link_rows[moment.weekday()], self.link_exceptions, moment)
        row_open = np.where(
            self.row_own_link >= 0,
            np.isin(self.row_own_link, np.fromiter(open_links, dtype=np.int64)),
            np.isin(snapshot.link_site, np.fromiter(open_sites, dtype=np.int64)),
        )
        mask = np.zeros(snapshot.size, dtype=bool)
        mask[snapshot.link_slot[row_open]] = True
        return mask

    def status(
        self, site_id: int, link_id: int | None, moment: datetime
    ) -> tuple[bool | None, time | None]:
        """Whether the site (or the service's own hours there) is open at `moment`, and until
        when; None when it has no hours at all."""
        hours, owner = (
            (self.snapshot.link_hours, link_id)
            if link_id is not None
            else (self.snapshot.site_hours, site_id)
        )
        weekly = hours.weekly.get(owner, [])
        exception = hours.exceptions.get(owner, {}).get(moment.date())
        if not weekly and exception is None:
            return None, None
        minute = moment.hour * 60 + moment.minute
        if exception is not None:
            closed, opens, closes = exception
            if not closed and opens <= minute < closes:
                return True, _time(closes)
            return False, None
        day = moment.date()
        for weekday, opens, closes, valid_from, valid_to in weekly:
            if (
                weekday == moment.weekday()
                and opens <= minute < closes
                and (valid_from is None or valid_from <= day)
                and (valid_to is None or day <= valid_to)
            ):
                return True, _time(closes)
        return False, None


def _time(minutes: int) -> time:
    return time(minutes // 60, minutes % 60)
