"""Reading the PTV Open API v11 (`https://api.palvelutietovaranto.suomi.fi/api/v11/`; its GETs
need no credentials, and none is sent). Standard library only (urllib).

A first run (or `--full`) reads the scope's full objects from the list endpoints, page by
page: `Service/list/organization?organizationId=…`, `ServiceChannel/list/organization`,
`…/list/area/{type}/code/{code}`, and the organisations themselves with `Organization/list?guids=`.
Later runs ask only for what changed since the previous successful run: the id pages
`Service?date=…`, `ServiceChannel?date=…` and `Organization?date=…` (UTC, yyyy-MM-ddTHH:mm:ss),
then the full objects with `list?guids=` in batches of 100. Of the changes, those in our scope
are kept: objects we already have, and objects of organisations in the scope or already in the
register. Then whatever the kept objects refer to and we lack is fetched too: a service's
channels (its phone and locations come from them), the services of a changed phone channel,
and unknown organisations.
"""

import json
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.error import HTTPError, URLError
from urllib.parse import quote, urlencode
from urllib.request import Request, urlopen

from django.utils.translation import gettext as _

from perhekeskus.network.models import Organisation, Service, Site
from perhekeskus.ptv.documents import Item, Problem, items_from

DEFAULT_API = "https://api.palvelutietovaranto.suomi.fi/api/v11/"
GUIDS_PER_REQUEST = 100  # "Max 100 can be added into list."
PAGES_MAX = 10_000
ENDPOINTS = {"organisation": "Organization", "service": "Service", "channel": "ServiceChannel"}


class PtvApiError(Exception):
    def __init__(self, url: str, reason: str) -> None:
        self.url = url
        self.reason = reason
        super().__init__(f"{url}: {reason}")


@dataclass
class Scope:
    organisations: list[uuid.UUID] = field(default_factory=list)
    areas: list[tuple[str, str]] = field(default_factory=list)

    def __str__(self) -> str:
        parts = [f"organization={o}" for o in self.organisations]
        parts += [f"area={t}:{c}" for t, c in self.areas]
        return " ".join(parts)


def ptv_date(moment: datetime) -> str:
    """The form PTV's `date` parameter accepts: yyyy-MM-ddTHH:mm:ss in UTC."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")


class PtvClient:
    def __init__(self, base_url: str = DEFAULT_API, *, timeout: float = 60.0) -> None:
        self.base = base_url if base_url.endswith("/") else f"{base_url}/"
        self.timeout = timeout

    def get(self, path: str, params: dict[str, Any] | None = None) -> tuple[str, Any]:
        url = self.base + path + (f"?{urlencode(params, safe=',:')}" if params else "")
        request = Request(
            url, headers={"Accept": "application/json", "User-Agent": "perhekeskus-import-ptv"}
        )
        try:
            with urlopen(request, timeout=self.timeout) as response:
                body = response.read()
        except HTTPError as exc:
            raise PtvApiError(
                url, _("the API answered HTTP %(status)s") % {"status": exc.code}
            ) from exc
        except (URLError, TimeoutError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise PtvApiError(
                url, _("the API could not be reached (%(reason)s)") % {"reason": reason}
            ) from exc
        try:
            return url, json.loads(body.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise PtvApiError(
                url, _("the API answered something else than JSON (%(error)s)") % {"error": exc}
            ) from exc

    def pages(self, path: str, params: dict[str, Any] | None = None) -> Iterator[tuple[str, Any]]:
        """Every page of a paged answer, from page 1 to `pageCount`."""
        page = 1
        while page <= PAGES_MAX:
            url, data = self.get(path, {**(params or {}), "page": page})
            yield url, data
            count = data.get("pageCount") if isinstance(data, dict) else None
            if not isinstance(count, int) or page >= count:
                return
            page += 1

    def by_ids(self, kind: str, ids: Iterable[uuid.UUID]) -> Iterator[tuple[str, Any]]:
        """Full objects by id, at most 100 per request."""
        ordered = sorted({str(i) for i in ids})
        for start in range(0, len(ordered), GUIDS_PER_REQUEST):
            batch = ordered[start : start + GUIDS_PER_REQUEST]
            yield self.get(f"{ENDPOINTS[kind]}/list", {"guids": ",".join(batch)})

    def changed_ids(self, kind: str, since: datetime) -> set[uuid.UUID]:
        found = set()
        for _url, data in self.pages(ENDPOINTS[kind], {"date": ptv_date(since)}):
            for entry in (data or {}).get("itemList") or []:
                try:
                    found.add(uuid.UUID(str(entry.get("id"))))
                except (ValueError, AttributeError):
                    continue
        return found


class _Collected:
    """The objects fetched so far, by kind and id."""

    def __init__(self, errors: list[Problem]) -> None:
        self.errors = errors
        self.items: dict[tuple[str, uuid.UUID], Item] = {}

    def add(self, url: str, data: Any, keep: Any = None) -> None:
        for item in items_from(data, url, self.errors):
            try:
                ptv_id = uuid.UUID(str(item.data.get("id")))
            except ValueError:
                self.items[(item.kind, uuid.uuid4())] = item  # the parser reports the bad id
                continue
            if keep is None or keep(item, ptv_id):
                self.items.setdefault((item.kind, ptv_id), item)

    def ids(self, kind: str) -> set[uuid.UUID]:
        return {i for k, i in self.items if k == kind}

    def of(self, kind: str) -> list[Item]:
        return [item for (k, _i), item in self.items.items() if k == kind]


def _ids(values: Iterable[Any]) -> set[uuid.UUID]:
    found = set()
    for value in values:
        try:
            found.add(uuid.UUID(str(value)))
        except ValueError:
            continue
    return found


def _connected_channels(item: Item) -> set[uuid.UUID]:
    return _ids(
        (c.get("serviceChannel") or {}).get("id")
        for c in item.data.get("serviceChannels") or []
        if isinstance(c, dict)
    )


def _connected_services(item: Item) -> set[uuid.UUID]:
    return _ids(
        (c.get("service") or {}).get("id")
        for c in item.data.get("services") or []
        if isinstance(c, dict)
    )


def _organisations_of(item: Item) -> set[uuid.UUID]:
    if item.kind == "channel":
        return _ids([item.data.get("organizationId")])
    if item.kind == "service":
        # The responsible organisation (the one the service is imported under); producers
        # are other organisations' business.
        entries = [o for o in item.data.get("organizations") or [] if isinstance(o, dict)]
        responsible = [o for o in entries if o.get("roleType") == "Responsible"] or entries[:1]
        return _ids((o.get("organization") or {}).get("id") for o in responsible)
    return set()


def api_items(
    client: PtvClient, scope: Scope, since: datetime | None, errors: list[Problem]
) -> list[Item]:
    """The PTV objects of `scope` (all of them, or those changed since `since`), with what
    they refer to. An unreachable API is an error of the run."""
    collected = _Collected(errors)
    try:
        _fetch(client, scope, since, collected)
    except PtvApiError as exc:
        errors.append(Problem(exc.url, "$", exc.reason))
    return list(collected.items.values())


def _fetch(client: PtvClient, scope: Scope, since: datetime | None, collected: _Collected) -> None:
    known = {
        "organisation": set(
            Organisation.objects.filter(ptv_id__isnull=False).values_list("ptv_id", flat=True)
        ),
        "service": set(
            Service.objects.filter(ptv_id__isnull=False).values_list("ptv_id", flat=True)
        ),
        "channel": set(Site.objects.filter(ptv_id__isnull=False).values_list("ptv_id", flat=True)),
    }
    in_scope_orgs = set(scope.organisations) | known["organisation"]
    if since is None:
        if scope.organisations:
            for url, data in client.by_ids("organisation", scope.organisations):
                collected.add(url, data)
        for org in scope.organisations:
            for path in ("Service/list/organization", "ServiceChannel/list/organization"):
                for url, data in client.pages(path, {"organizationId": str(org)}):
                    collected.add(url, data)
        for area_type, code in scope.areas:
            for endpoint in ("Organization", "Service", "ServiceChannel"):
                path = f"{endpoint}/list/area/{quote(area_type)}/code/{quote(code)}"
                for url, data in client.pages(path, {"includeWholeCountry": "false"}):
                    collected.add(url, data)
        in_scope_orgs |= collected.ids("organisation")
    else:
        changed = {kind: client.changed_ids(kind, since) for kind in ENDPOINTS}
        # Organisations first: a new one in the scope brings its services along.
        for url, data in client.by_ids("organisation", changed["organisation"]):
            collected.add(
                url, data, lambda item, i: i in in_scope_orgs or i in known["organisation"]
            )
        in_scope_orgs |= collected.ids("organisation")

        def ours(item: Item, ptv_id: uuid.UUID) -> bool:
            return ptv_id in known[item.kind] or bool(_organisations_of(item) & in_scope_orgs)

        for kind in ("service", "channel"):
            for url, data in client.by_ids(kind, changed[kind]):
                collected.add(url, data, ours)
    # What the kept objects refer to: a service's channels, the services of a changed
    # channel that we have, and organisations we lack.
    for _round in range(3):
        services = collected.of("service")
        channels = collected.of("channel")
        want_channels = set().union(*(_connected_channels(s) for s in services)) - collected.ids(
            "channel"
        )
        want_services = (
            set().union(*(_connected_services(c) for c in channels)) & known["service"]
        ) - collected.ids("service")
        if not want_channels and not want_services:
            break
        for url, data in client.by_ids("channel", want_channels):
            collected.add(url, data)
        for url, data in client.by_ids("service", want_services):
            collected.add(url, data)
    wanted_orgs = (
        set().union(*(_organisations_of(i) for i in collected.items.values()))
        - collected.ids("organisation")
        - known["organisation"]
    )
    for url, data in client.by_ids("organisation", wanted_orgs):
        collected.add(url, data)
