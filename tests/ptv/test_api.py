"""Reading the PTV API: a local server in the test answers as PTV's v11 API does (pages of full
objects, id pages with `date`, `list?guids=`); no network is needed."""

import json
import threading
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

from perhekeskus.network.models import Service
from perhekeskus.ptv.client import PtvClient, Scope, ptv_date
from perhekeskus.ptv.models import ImportRun
from perhekeskus.ptv.services import ptv_import_api
from tests.ptv.conftest import COUNTY, EAST_UUSIMAA, NGO, PERHENEUVOLA, read_json

pytestmark = pytest.mark.django_db

PAGE_SIZE = 2
OTHER_ORG = "11111111-2222-4333-8444-555555555555"


class FakePtv:
    """PTV's objects, answered by kind, organisation, id and change."""

    def __init__(self) -> None:
        self.objects: dict[str, dict[str, dict[str, Any]]] = {
            "Organization": {
                o["id"]: o for o in read_json(EAST_UUSIMAA / "organisations.json")["itemList"]
            },
            "Service": {s["id"]: s for s in read_json(EAST_UUSIMAA / "services.json")},
            "ServiceChannel": {
                c["id"]: c for c in read_json(EAST_UUSIMAA / "channels.json")["itemList"]
            },
        }
        self.changed: dict[str, list[str]] = {
            "Organization": [],
            "Service": [],
            "ServiceChannel": [],
        }
        self.requests: list[str] = []
        self.failing: str | None = None

    @staticmethod
    def page(items: list[Any], page: int) -> dict[str, Any]:
        count = max(1, -(-len(items) // PAGE_SIZE))
        return {
            "pageNumber": page,
            "pageSize": PAGE_SIZE,
            "pageCount": count,
            "itemList": items[(page - 1) * PAGE_SIZE : page * PAGE_SIZE],
        }

    def answer(self, path: str, query: dict[str, list[str]]) -> tuple[int, Any]:
        if self.failing and path.startswith(self.failing):
            return 500, {"error": "boom"}
        parts = path.strip("/").split("/")[2:]  # after api/v11
        kind = parts[0]
        page = int(query.get("page", ["1"])[0])
        objects = self.objects[kind]
        if parts[1:] == ["list"]:
            ids = query["guids"][0].split(",")
            assert len(ids) <= 100, "PTV takes at most 100 guids"
            found = [objects[i] for i in ids if i in objects]
            return 200, {"pageNumber": 1, "pageSize": 100, "pageCount": 1, "itemList": found}
        if parts[1:] == ["list", "organization"]:
            org = query["organizationId"][0]
            owned = [
                o
                for o in objects.values()
                if o.get("organizationId") == org
                or any(x["organization"]["id"] == org for x in o.get("organizations") or [])
            ]
            return 200, self.page(sorted(owned, key=lambda o: o["id"]), page)
        if parts[1:] == [] and "date" in query:
            ids = [{"id": i, "name": ""} for i in self.changed[kind]]
            return 200, self.page(ids, page)
        return 404, {"error": path}


@pytest.fixture
def ptv() -> Iterator[tuple[FakePtv, str]]:
    fake = FakePtv()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            url = urlparse(self.path)
            fake.requests.append(self.path)
            status, body = fake.answer(url.path, parse_qs(url.query))
            data = json.dumps(body).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield fake, f"http://127.0.0.1:{server.server_address[1]}/api/v11/"
    finally:
        server.shutdown()
        server.server_close()


SCOPE = Scope(organisations=[uuid.UUID(COUNTY), uuid.UUID(NGO)])


def test_the_first_run_pages_through_the_organisations_services_and_channels(ptv):
    fake, url = ptv
    run, report = ptv_import_api(client=PtvClient(url), scope=SCOPE)
    assert run.status == ImportRun.Status.SUCCEEDED, run.report
    assert run.changes_since is None
    assert Service.objects.filter(ptv_id__isnull=False).count() == 4
    assert report.counts["site"]["created"] == 3
    # The county's three services came on two pages.
    assert f"/api/v11/Service/list/organization?organizationId={COUNTY}&page=2" in fake.requests
    assert f"/api/v11/Service/list/organization?organizationId={COUNTY}&page=3" not in fake.requests


def test_later_runs_fetch_only_what_changed_since_the_last_run(ptv):
    fake, url = ptv
    first, _report = ptv_import_api(client=PtvClient(url), scope=SCOPE)
    fake.requests.clear()
    # PTV renames the family counselling service; 150 services of others changed too.
    fake.objects["Service"][PERHENEUVOLA]["serviceNames"][0]["value"] = "Perheneuvola Porvoo"
    others = [str(uuid.UUID(int=i + 1)) for i in range(150)]
    for i in others:
        fake.objects["Service"][i] = {
            "id": i,
            "serviceNames": [{"language": "fi", "value": f"Muu palvelu {i}", "type": "Name"}],
            "organizations": [{"organization": {"id": OTHER_ORG}, "roleType": "Responsible"}],
            "serviceChannels": None,
        }
    fake.changed["Service"] = [PERHENEUVOLA, *others]

    run, report = ptv_import_api(client=PtvClient(url), scope=SCOPE)

    assert run.status == ImportRun.Status.SUCCEEDED, run.report
    assert run.changes_since == first.started_at
    stamp = ptv_date(first.started_at)
    assert f"/api/v11/Service?date={stamp}&page=1" in fake.requests
    assert f"/api/v11/ServiceChannel?date={stamp}&page=1" in fake.requests
    guid_requests = [r for r in fake.requests if r.startswith("/api/v11/Service/list?guids=")]
    sizes = [len(parse_qs(urlparse(r).query)["guids"][0].split(",")) for r in guid_requests]
    assert sizes[:2] == [100, 51]
    # Nothing was read whole again.
    assert not any("/list/organization" in r for r in fake.requests)
    assert Service.objects.get(ptv_id=PERHENEUVOLA).name_fi == "Perheneuvola Porvoo"
    assert report.counts["service"]["updated"] == 1
    # The other organisation's services are not ours.
    assert Service.objects.filter(ptv_id__isnull=False).count() == 4


def test_an_api_failure_writes_nothing_and_the_next_run_starts_from_the_last_good_one(ptv):
    fake, url = ptv
    first, _report = ptv_import_api(client=PtvClient(url), scope=SCOPE)
    fake.objects["Service"][PERHENEUVOLA]["serviceNames"][0]["value"] = "Perheneuvola Porvoo"
    fake.changed["Service"] = [PERHENEUVOLA]
    fake.failing = "/api/v11/ServiceChannel"

    failed, _report = ptv_import_api(client=PtvClient(url), scope=SCOPE, language="en")

    assert failed.status == ImportRun.Status.REFUSED
    assert "the API answered HTTP 500" in failed.errors[0]["reason"]
    assert failed.errors[0]["file"].startswith(f"{url}ServiceChannel")
    assert Service.objects.get(ptv_id=PERHENEUVOLA).name_fi == "Perheneuvola"
    fake.failing = None
    again, _report = ptv_import_api(client=PtvClient(url), scope=SCOPE)
    assert again.changes_since == first.started_at
    assert Service.objects.get(ptv_id=PERHENEUVOLA).name_fi == "Perheneuvola Porvoo"
