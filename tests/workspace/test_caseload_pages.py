"""The caseload at scale: each section shows a page of its most urgent rows (the nearest
deadline, the longest overdue first), says how many there are in all and links to the next
page without JavaScript; the other sections keep their pages meanwhile. Reading it is audited
once a list, whatever the page."""

import pytest
from django.utils import timezone

from perhekeskus.audit.models import AuditEvent
from perhekeskus.clients.models import Family
from perhekeskus.consent.services import care_relationship_start
from perhekeskus.processes.models import Door, Kind
from perhekeskus.processes.services import process_open
from perhekeskus.workspace import selectors
from tests.client_processes.helpers import assessment_open
from tests.families.html import parse
from tests.professionals import login_professional

pytestmark = pytest.mark.django_db

WORKSPACE = "/fi/workspace/"


@pytest.fixture
def two_a_page(monkeypatch):
    monkeypatch.setattr(selectors, "PER_PAGE", 2)


@pytest.fixture
def caseload(around):
    """Besides the Virtanens, the Aalto and Mäkinen families are in the county's care; only
    the Virtanens have a deadline (an assessment opened long ago, overdue), the Mäkinens
    have an intake opened today."""
    for name in ("Aalto", "Mäkinen"):
        family = Family.objects.create(name=name)
        care_relationship_start(family=family, by=around.aino, basis="family_request")
    assessment_open(around.virtanen, around.aino)
    for kind in (Kind.INTAKE, Kind.MANY_SERVICES):
        process_open(
            family_id=around.virtanen.family.pk,
            kind=kind,
            door=Door.CLINIC,
            arose_on=timezone.localdate(),
            support_need_words="",
            support_needs=[],
            by=around.aino,
        )
    return around


def names(page) -> list[str]:
    return [family.find_all("h3")[0].text.strip() for family in page.by_testid("caseload-family")]


def test_the_first_page_shows_the_most_urgent_families_and_says_how_many_there_are(
    client, caseload, two_a_page
):
    page = parse(login_professional(client, caseload.aino).get(WORKSPACE))
    assert names(page) == ["Virtanen", "Aalto"]
    assert page.one("caseload").one("pager-status").text.strip() == ("Näytetään 1–2, yhteensä 3.")
    assert not page.one("caseload").by_testid("pager-previous")
    following = page.one("caseload").one("pager-next").get("href")
    assert following == "?families_page=2#families"

    second = parse(client.get(WORKSPACE + following.split("#")[0]))
    assert names(second) == ["Mäkinen"]
    assert "Sivu 2/2" in second.one("caseload").one("pager").text
    assert second.one("caseload").one("pager-previous").get("href") == "/fi/workspace/#families"


def test_a_section_pages_on_its_own_and_the_others_keep_their_page(client, caseload, two_a_page):
    login_professional(client, caseload.aino)
    page = parse(client.get(WORKSPACE + "?families_page=2&overdue_page=1"))
    assert names(page) == ["Mäkinen"]
    # One overdue process: the overdue section has no pages to turn.
    assert len(page.by_testid("overdue-row")) == 1
    assert not page.one("overdue-section").by_testid("pager")
    previous = page.one("caseload").one("pager-previous").get("href")
    assert previous == "?overdue_page=1#families"


@pytest.mark.parametrize("number", ["0", "x", "99"])
def test_a_page_number_out_of_range_shows_a_page_not_an_error(client, caseload, two_a_page, number):
    login_professional(client, caseload.aino)
    response = client.get(WORKSPACE + f"?families_page={number}")
    assert response.status_code == 200
    # As Django's paginator does: not a number the first page, out of range the last.
    expected = ["Virtanen", "Aalto"] if number == "x" else ["Mäkinen"]
    assert names(parse(response)) == expected


def test_the_processes_keep_their_words_and_the_own_worker_is_marked_on_any_page(
    client, caseload, two_a_page
):
    page = parse(login_professional(client, caseload.aino).get(WORKSPACE))
    [virtanen] = [f for f in page.by_testid("caseload-family") if "Virtanen" in f.text]
    text = virtanen.text
    assert "Monitoimijainen palvelutarpeen arviointi" in text and "Myöhässä" in text
    assert len(virtanen.by_testid("caseload-process")) == 3


def test_reading_the_caseload_is_audited_once_a_list_whatever_the_page(
    client, caseload, two_a_page
):
    login_professional(client, caseload.aino)
    before = AuditEvent.objects.count()
    client.get(WORKSPACE + "?families_page=2")
    actions = sorted(AuditEvent.objects.order_by("pk")[before:].values_list("action", flat=True))
    assert actions == ["process.caseload", "process.overdue", "process.reminders"]


def test_the_pages_are_in_swedish_too(client, caseload, two_a_page):
    page = parse(login_professional(client, caseload.aino).get("/sv/workspace/"))
    assert page.one("caseload").one("pager-status").text.strip() == "Visar 1–2 av 3."
    assert "Nästa sida" in page.one("caseload").one("pager-next").text
