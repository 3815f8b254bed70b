"""Before applying a saved plan, Leena (who plans and maintains West Uusimaa) reads on the
confirmation page exactly what applying will do: which registry areas are kept (their name and
population before and after), which are new, which are removed and where their queues go, and
which sites move to another area. The preview and the apply share one matching, so what the
page lists is what then happens; reading the page writes nothing."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from perhekeskus.inbox.models import Queue
from perhekeskus.network.models import Area, ChangeRecord, Municipality, Site
from perhekeskus.planning.models import AreaPlan
from perhekeskus.planning.proposal import ProposalOptions, propose
from perhekeskus.planning.services import (
    PlanAlreadyApplied,
    PlanOutdated,
    plan_apply,
    plan_apply_preview,
    plan_save,
)
from tests.families.html import parse
from tests.professionals import login_professional

pytestmark = pytest.mark.django_db

WRITES = ("INSERT", "UPDATE", "DELETE")


@pytest.fixture
def proposal(network):
    return propose(county_code="03", options=ProposalOptions())


@pytest.fixture
def registry_to_redraw(network, uusimaa_sites):
    """Today's registry: Leppävaara's area (over all of Espoo) with Lohja's family centre wrongly
    in it, and an old area with no members left, holding Kirkkonummi's café and a queue."""
    uusimaa_sites.lohja_centre.area = network.espoo_area
    uusimaa_sites.lohja_centre.save()
    old = Area.objects.create(county=network.west_uusimaa, name="Vanha alue", population=900)
    uusimaa_sites.kirkkonummi_cafe.area = old
    uusimaa_sites.kirkkonummi_cafe.save()
    queue = Queue.objects.create(name="Vanhan alueen jono", area=old)
    return old, queue


def _writes(queries: CaptureQueriesContext) -> list[str]:
    """Statements that change data, the login session aside (its expiry slides on each
    request)."""
    return [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(WRITES) and '"django_session"' not in q["sql"]
    ]


def _registry_state(county) -> tuple[list, list, int]:
    return (
        list(Area.objects.filter(county=county).order_by("id").values_list("id", "version")),
        list(Site.objects.order_by("id").values_list("id", "area_id", "version")),
        ChangeRecord.objects.count(),
    )


def test_the_preview_lists_what_applying_then_does(
    network, planner_maintainer, proposal, uusimaa_sites, registry_to_redraw
):
    old, queue = registry_to_redraw
    plan = plan_save(professional=planner_maintainer, proposal=proposal, name="Uusi jako")
    area_before = dict(Site.objects.values_list("id", "area_id"))

    with translation.override("fi"):
        preview = plan_apply_preview(plan=plan)
    result = plan_apply(professional=planner_maintainer, plan=plan)

    # The same registry areas kept, under the names and figures the preview gave.
    assert [k.area.id for k in preview.kept] == [a.id for a in result.kept]
    assert network.espoo_area.id in [k.area.id for k in preview.kept]
    for kept, area in zip(preview.kept, result.kept, strict=True):
        area.refresh_from_db()
        assert (kept.new_name, kept.population) == (area.name_fi, area.population)
    leppavaara = next(k for k in preview.kept if k.area.id == network.espoo_area.id)
    assert leppavaara.area.name == "Leppävaaran perhekeskusalue"  # the name it had
    assert leppavaara.area.population == 68_000 != leppavaara.population
    # The same new areas, and the same area removed, its queue passing to the area named.
    assert [n.name for n in preview.created] == [a.name_fi for a in result.created]
    assert [n.population for n in preview.created] == [a.population for a in result.created]
    assert [r.area.name for r in preview.removed] == result.removed == ["Vanha alue"]
    queue.refresh_from_db()
    assert preview.removed[0].heir == queue.area.name_fi
    assert preview.references_moved == result.references_moved == 1
    # The same sites moved, each to the area named.
    area_after = dict(Site.objects.values_list("id", "area_id"))
    moved = {pk for pk, area in area_after.items() if area != area_before[pk]}
    assert {m.site.id for m in preview.site_moves} == moved
    assert preview.sites_moved == result.sites_moved == len(moved)
    assert {uusimaa_sites.lohja_centre.id, uusimaa_sites.kirkkonummi_cafe.id} <= moved
    for move in preview.site_moves:
        assert move.to_area == Site.objects.get(id=move.site.id).area.name_fi
    lohja_move = next(m for m in preview.site_moves if m.site == uusimaa_sites.lohja_centre)
    assert lohja_move.from_area == "Leppävaaran perhekeskusalue"
    cafe_move = next(m for m in preview.site_moves if m.site == uusimaa_sites.kirkkonummi_cafe)
    assert cafe_move.from_area == "Vanha alue"
    assert not Area.objects.filter(id=old.id).exists()


def test_the_preview_writes_nothing(network, planner_maintainer, proposal, registry_to_redraw):
    plan = plan_save(professional=planner_maintainer, proposal=proposal, name="x")
    before = _registry_state(network.west_uusimaa)
    with CaptureQueriesContext(connection) as queries:
        preview = plan_apply_preview(plan=plan)
    assert preview.kept and preview.removed and preview.site_moves
    assert _writes(queries) == []
    assert _registry_state(network.west_uusimaa) == before
    plan.refresh_from_db()
    assert plan.applied_at is None


def test_a_plan_that_cannot_be_applied_has_no_preview_either(network, planner_maintainer, proposal):
    plan = plan_save(professional=planner_maintainer, proposal=proposal, name="x")
    Area.objects.create(county=network.west_uusimaa, name="Joku lisäsi tämän")
    with pytest.raises(PlanOutdated):
        plan_apply_preview(plan=plan)
    fresh = plan_save(
        professional=planner_maintainer,
        proposal=propose(county_code="03", options=ProposalOptions()),
        name="y",
    )
    plan_apply(professional=planner_maintainer, plan=fresh)
    with pytest.raises(PlanAlreadyApplied):
        plan_apply_preview(plan=AreaPlan.objects.get(id=fresh.id))


# --- The confirmation page ---------------------------------------------------------------------


def _url(plan: AreaPlan, lang: str = "fi") -> str:
    return f"/{lang}/leading/planning/plans/{plan.pk}/apply/"


def test_the_confirmation_page_shows_the_preview_and_a_get_writes_nothing(
    client, network, planner_maintainer, proposal, uusimaa_sites, registry_to_redraw
):
    plan = plan_save(professional=planner_maintainer, proposal=proposal, name="Uusi jako")
    login_professional(client, planner_maintainer)
    before = _registry_state(network.west_uusimaa)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(_url(plan))

    assert response.status_code == 200
    assert _writes(queries) == []
    assert _registry_state(network.west_uusimaa) == before
    with translation.override("fi"):
        preview = plan_apply_preview(plan=plan)
    html = parse(response)
    assert html.one("apply-form")
    kept = {
        row.find_all("th")[0].text: row.one("kept-population").text
        for row in html.by_testid("kept-row")
    }
    assert set(kept) == {k.area.name for k in preview.kept}
    assert kept["Leppävaaran perhekeskusalue"].replace("\xa0", " ") != "68 000"
    new_names = {k.new_name for k in preview.kept if k.new_name != k.area.name}
    assert new_names <= {cell.text for cell in html.by_testid("kept-new")}
    assert [e.text for e in html.by_testid("created-name")] == sorted(
        n.name for n in preview.created
    )
    (removed,) = html.by_testid("removed-area")
    assert removed.one("removed-name").text == "Vanha alue"
    assert preview.removed[0].heir in removed.text
    moved = [e.text for e in html.by_testid("moved-site-name")]
    assert sorted(moved) == sorted(m.site.name for m in preview.site_moves)
    groups = {
        g.one("site-moves-area").text: int(g.get("data-count"))
        for g in html.by_testid("site-moves")
    }
    assert sum(groups.values()) == preview.sites_moved
    assert html.one("change-sites").text.startswith(str(preview.sites_moved))


def test_a_long_list_of_moving_sites_is_folded(
    client, network, planner_maintainer, proposal, uusimaa_sites
):
    kirkkonummi = Municipality.objects.get(code="257")
    for n in range(6):
        Site.objects.create(
            kind=Site.Kind.MEETING_PLACE,
            operator=network.county_org,
            municipality=kirkkonummi,
            postal_code="02400",
            name=f"Kirkkonummen kerho {n}",
        )
    plan = plan_save(professional=planner_maintainer, proposal=proposal, name="x")
    login_professional(client, planner_maintainer)
    html = parse(client.get(_url(plan)))
    groups = {g.one("site-moves-area").text: g for g in html.by_testid("site-moves")}
    long = next(g for g in groups.values() if "Kirkkonummen kerho 0" in g.text)
    assert int(long.get("data-count")) == 7  # the six clubs and the café
    assert long.find_all("details") and long.find_all("summary")
    short = next(g for g in groups.values() if "Lohjan perhekeskus" in g.text)
    assert short.find_all("details") == []


def test_the_page_speaks_swedish(client, planner_maintainer, proposal, registry_to_redraw):
    plan = plan_save(professional=planner_maintainer, proposal=proposal, name="x")
    login_professional(client, planner_maintainer)
    html = parse(client.get(_url(plan, "sv")))
    with translation.override("sv"):
        preview = plan_apply_preview(plan=plan)
    assert [e.text for e in html.by_testid("created-name")] == sorted(
        n.name for n in preview.created
    )
    assert {g.one("site-moves-area").text for g in html.by_testid("site-moves")} == {
        m.to_area for m in preview.site_moves
    }


def test_a_planner_who_may_not_apply_still_reads_the_preview_but_gets_no_button(
    client, planner, proposal, registry_to_redraw
):
    plan = plan_save(professional=planner, proposal=proposal, name="x")
    login_professional(client, planner)
    html = parse(client.get(_url(plan)))
    assert html.one("apply-preview")
    assert html.by_testid("removed-area")
    assert html.by_testid("apply-form") == []
    assert html.one("apply-refused").text
    assert client.post(_url(plan)).status_code == 403
    assert Area.objects.filter(name="Vanha alue").exists()


def test_an_applied_plan_shows_why_not_and_no_preview(client, planner_maintainer, proposal):
    plan = plan_save(professional=planner_maintainer, proposal=proposal, name="x")
    plan_apply(professional=planner_maintainer, plan=plan)
    login_professional(client, planner_maintainer)
    html = parse(client.get(_url(plan)))
    assert html.by_testid("apply-preview") == []
    assert html.by_testid("apply-form") == []
    assert html.one("apply-refused").text
