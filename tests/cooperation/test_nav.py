"""The link to the cooperation network in the staff navigation. It is drawn on every staff page,
so it must be cheap: no query for a coordinator of the county, a single one for a nurse with no
part in any network (the common case), none on the network's own pages (the reader's scopes are
known there), and never more than once a request. And it is shown exactly to those the
network's pages let in (`access.cooperation_scopes`)."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from perhekeskus.cooperation import access, services
from perhekeskus.cooperation.access import cooperation_scopes
from perhekeskus.cooperation.models import ContactAssignment
from perhekeskus.staff.models import Professional
from tests.cooperation.building import assign, role
from tests.referrals.around import professional

pytestmark = pytest.mark.django_db

INBOX = "/fi/staff/inbox/"
COOPERATION = "/fi/leading/cooperation/"
LINK = 'data-testid="nav-cooperation"'


def page_queries(client, address: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def link_cost(client, address: str, monkeypatch) -> tuple[int, bool]:
    """The queries the link costs on a page (the page's own, less those of the same page when
    the answer needs no database), and whether it is shown."""
    page_queries(client, address)  # the first page after logging in writes its session
    with_link, html = page_queries(client, address)
    shown = LINK in html
    with monkeypatch.context() as patch:
        patch.setattr(access, "in_cooperation_network", lambda professional, **kw: shown)
        without, _ = page_queries(client, address)
    return with_link - without, shown


@pytest.mark.parametrize(
    ("person", "queries", "shown"),
    [("aino", 1, False), ("maija", 0, True), ("helena", 1, True), ("pia", 1, False)],
)
def test_the_link_costs_a_staff_page_one_query_at_the_most(
    cast, client_of, monkeypatch, person, queries, shown
):
    assert link_cost(client_of(getattr(cast, person)), INBOX, monkeypatch) == (queries, shown)


def test_on_the_networks_own_pages_the_link_costs_nothing(cast, client_of, monkeypatch):
    # Eero leads Espoo: a municipality leader, whose scopes the page has already asked.
    assert link_cost(client_of(cast.eero), COOPERATION, monkeypatch) == (0, True)


def test_the_link_is_asked_once_per_request(cast):
    request = RequestFactory().get(INBOX)
    request.professional = Professional.objects.select_related("organisation", "user").get(
        pk=cast.aino.pk
    )
    context = {"request": request, "professional": request.professional}
    with CaptureQueriesContext(connection) as first:
        render_to_string("cooperation/_nav_link.html", context)
    with CaptureQueriesContext(connection) as again:
        render_to_string("cooperation/_nav_link.html", context)
    assert (len(first), len(again)) == (1, 0)


def test_the_link_is_shown_exactly_to_those_the_pages_let_in(cast):
    today = timezone.localdate()
    network, espoo = cast.network, cast.network.espoo
    ngo_coordinator = professional("noora", network.ngo, Professional.Role.COORDINATOR, espoo)
    nurse_at_meeting = professional(
        "niina", network.county_org, Professional.Role.PUBLIC_HEALTH_NURSE, espoo
    )
    nurse_with_decision = professional(
        "nelli", network.county_org, Professional.Role.PUBLIC_HEALTH_NURSE, espoo
    )
    left = professional("lauri", cast.parish, Professional.Role.FAMILY_WORKER, espoo)
    coming = professional("kaarina", cast.parish, Professional.Role.FAMILY_WORKER, espoo)
    parish_role = role(cast, cast.parish)
    assign(cast, parish_role, professional=cast.pia, valid_from=today)
    assign(
        cast,
        parish_role,
        professional=left,
        standing=ContactAssignment.Standing.DEPUTY,
        valid_from=date(2020, 1, 1),
        valid_until=today - timedelta(days=1),
    )
    assign(
        cast,
        parish_role,
        professional=coming,
        standing=ContactAssignment.Standing.DEPUTY,
        valid_from=today + timedelta(days=1),
    )
    meeting = services.meeting_create(
        by=cast.maija,
        county=network.west_uusimaa,
        area=None,
        title="Verkoston kokous",
        held_on=today,
        participants=[nurse_at_meeting],
    )
    services.decision_add(
        by=cast.maija, meeting_id=meeting.pk, text="Selvitetään.", responsible=nurse_with_decision
    )
    closed = professional("suljettu", network.county_org, Professional.Role.COORDINATOR, espoo)
    closed.user.is_active = False
    closed.user.save()

    people = [
        *(getattr(cast, name) for name in ("maija", "helena", "eero", "outi", "pia", "ville")),
        cast.aino,
        ngo_coordinator,
        nurse_at_meeting,
        nurse_with_decision,
        left,
        coming,
        closed,
    ]
    answers = {
        p.user.username: access.in_cooperation_network(
            Professional.objects.select_related("organisation", "user").get(pk=p.pk)
        )
        for p in people
    }
    expected = {p.user.username: not cooperation_scopes(p).nothing for p in people}
    assert answers == expected
    assert [name for name, shown in answers.items() if not shown] == [
        "aino_nurse",
        "noora",
        "lauri",
        "kaarina",
        "suljettu",
    ]
