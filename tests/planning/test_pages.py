"""The area planner's pages (issue 7, item 3): Pia plans the family centre areas of the Vantaa
and Kerava county; Veera, who maintains that county's network, may also apply a plan; Lasse
leads the county without the right to plan; Ulla plans West Uusimaa; Aino has no leader role.

The proposal itself is the engine's (tests/planning/test_proposal*.py); here a small fixed
proposal stands in for it, so that the pages are tested for what they show and whom they let in.
"""

from dataclasses import replace

import pytest
from django.utils import translation

from perhekeskus.evaluation.models import LeaderRole
from perhekeskus.network.models import County, Municipality
from perhekeskus.planning import proposal as engine
from perhekeskus.planning.models import AreaPlan
from perhekeskus.staff.models import Professional
from tests.families.html import parse
from tests.professionals import login_professional
from tests.referrals.around import professional

pytestmark = pytest.mark.django_db

PLANNER = "/fi/leading/planning/"
PLANS = "/fi/leading/planning/plans/"
VANTAA_KERAVA = "?county=04"


def leader(username: str, organisation, municipality, *, county, may_plan: bool) -> Professional:
    person = professional(username, organisation, Professional.Role.COORDINATOR, municipality)
    LeaderRole.objects.create(professional=person, county=county, may_plan=may_plan)
    return person


@pytest.fixture
def pia(network) -> Professional:
    return leader(
        "pia", network.vantaa_org, network.vantaa, county=network.vantaa_kerava, may_plan=True
    )


@pytest.fixture
def veera(network, personas) -> Professional:
    """The county's network maintainer (tests.personas) with a planning role as well."""
    person = Professional.objects.create(
        user=personas.veera,
        organisation=network.vantaa_org,
        role=Professional.Role.COORDINATOR,
        municipality=network.vantaa,
    )
    LeaderRole.objects.create(professional=person, county=network.vantaa_kerava, may_plan=True)
    return person


@pytest.fixture
def lasse(network) -> Professional:
    return leader(
        "lasse", network.vantaa_org, network.vantaa, county=network.vantaa_kerava, may_plan=False
    )


@pytest.fixture
def ulla(network) -> Professional:
    return leader(
        "ulla", network.county_org, network.espoo, county=network.west_uusimaa, may_plan=True
    )


def fake_proposal(county_code: str, options: engine.ProposalOptions) -> engine.Proposal:
    vantaa = Municipality.objects.get(code="092")
    kerava = Municipality.objects.get(code="245")
    areas = [
        engine.ProposedArea(
            name="Tikkurila",
            municipality_codes=[],
            postal_codes=["01300", "01350"],
            population=52_000,
            children=10_400,
            family_centres=1,
            meeting_places=2,
            in_band=True,
            band=(options.band_min, options.band_max),
            lat=60.29,
            lon=25.04,
            members=[
                {
                    "code": "01300",
                    "name": "Tikkurila",
                    "lat": 60.292,
                    "lon": 25.044,
                    "population": 30_000,
                    "children": 6_000,
                },
                {
                    "code": "01350",
                    "name": "Hiekkaharju",
                    "lat": 60.303,
                    "lon": 25.048,
                    "population": 22_000,
                    "children": 4_400,
                },
            ],
            suggested_meeting_places=[
                engine.SuggestedMeetingPlace(
                    postal_code="01350",
                    name="Hiekkaharju",
                    lat=60.303,
                    lon=25.048,
                    children_reached=730,
                )
            ],
        ),
        engine.ProposedArea(
            name=kerava.name,
            municipality_codes=[kerava.code],
            postal_codes=[],
            population=kerava.population,
            children=7_900,
            family_centres=0,
            meeting_places=1,
            in_band=True,
            band=(options.band_min, options.band_max),
            lat=kerava.latitude or 60.4,
            lon=kerava.longitude or 25.1,
            members=[
                {
                    "code": kerava.code,
                    "name": kerava.name,
                    "lat": kerava.latitude,
                    "lon": kerava.longitude,
                    "population": kerava.population,
                    "children": 7_900,
                },
            ],
        ),
    ]
    assert vantaa.county.code == county_code
    return engine.Proposal(
        county_code=county_code,
        options=options,
        areas=areas,
        coverage=engine.Coverage(
            children=18_300,
            family_centre_share=0.62,
            meeting_place_share=0.41,
            meeting_place_share_after=0.45,
        ),
        in_use_count=1,
        in_use_in_band=0,
        comparison=[
            engine.AreaComparison(
                proposed="Tikkurila", in_use="Vantaa", shared_population=52_000, overlap=0.21
            ),
            engine.AreaComparison(
                proposed=kerava.name, in_use=None, shared_population=0, overlap=0.0
            ),
        ],
        seconds=0.4,
    )


@pytest.fixture
def proposals(monkeypatch) -> list[tuple[str, engine.ProposalOptions]]:
    """The fixed proposal in place of the engine; the calls it got."""
    calls: list[tuple[str, engine.ProposalOptions]] = []

    def propose(*, county_code: str, options: engine.ProposalOptions) -> engine.Proposal:
        calls.append((county_code, options))
        return fake_proposal(county_code, options)

    monkeypatch.setattr(engine, "propose", propose)
    return calls


def page(client, url: str, status: int = 200):
    response = client.get(url)
    assert response.status_code == status, response.content[:500]
    return parse(response)


# --- What a planner sees -----------------------------------------------------------------------


def test_planner_opens_the_planner_with_the_models_options(client, pia, proposals):
    login_professional(client, pia)
    html = page(client, PLANNER)
    form = html.one("proposal-form")
    assert form.get("method") == "get"
    county = html.by_id("id_county")
    assert [o.get("value") for o in county.find_all("option")] == ["04"]
    assert html.by_id("id_band_min").get("value") == "35000"
    assert html.by_id("id_capital_band_max").get("value") == "80000"
    assert html.by_testid("proposal") == []
    assert proposals == []  # nothing computed before the planner asks


def test_planner_sees_the_proposal_in_tables_and_map_data(client, pia, proposals):
    login_professional(client, pia)
    html = page(client, PLANNER + VANTAA_KERAVA + "&new_meeting_places=3")
    assert proposals[0][0] == "04"
    assert proposals[0][1] == replace(engine.ProposalOptions(), new_meeting_places=3)
    assert html.one("areas-proposed").text == "2"
    assert html.one("areas-in-band").text == "2"
    assert html.one("areas-in-use").text == "1"
    assert html.one("areas-in-use-in-band").text == "0"
    rows = html.by_testid("area-row")
    assert len(rows) == 2
    assert "Tikkurila" in rows[0].text and "Hiekkaharju" in rows[0].text
    assert "52000" in rows[0].text.replace("\xa0", "").replace(" ", "")
    assert "Vantaa" in rows[0].text and "21" in rows[0].text  # the area in use it overlaps
    assert "41,0 %" in html.one("coverage").text and "45,0 %" in html.one("coverage-after").text
    suggested = html.by_testid("suggested-row")
    assert len(suggested) == 1 and "730" in suggested[0].text
    legend = [li.text for li in html.by_testid("legend-area")]
    assert legend == ["1 Tikkurila", "2 Kerava"]
    # The map is hidden until its script draws it; the data it draws is on the page.
    assert html.one("map-panel").get("hidden") is not None
    assert html.by_id("planning-map-data").tag == "script"
    assert html.by_testid("save-form")


def test_a_proposal_is_computed_once_for_the_page_and_its_save(client, pia, proposals):
    login_professional(client, pia)
    page(client, PLANNER + VANTAA_KERAVA)
    page(client, PLANNER + VANTAA_KERAVA)
    assert len(proposals) == 1


def test_bad_options_keep_what_was_typed_and_say_what_is_wrong(client, pia, proposals):
    login_professional(client, pia)
    html = page(
        client, PLANNER + VANTAA_KERAVA + "&band_min=60000&band_max=40000&meeting_place_km=x"
    )
    assert html.by_id("id_band_min").get("value") == "60000"
    assert html.by_id("id_band_max").get("value") == "40000"
    assert html.by_id("id_band_max").get("aria-invalid") == "true"
    assert html.by_id("id_band_max_error").text
    assert html.by_id("id_meeting_place_km_error").text
    assert html.one("error-summary")
    assert html.by_testid("proposal") == []
    assert proposals == []


def test_an_error_of_the_engine_is_shown_in_the_form(client, pia, monkeypatch):
    from perhekeskus.errors import InvalidInput

    def propose(**kwargs):
        raise InvalidInput("Ei voi")

    monkeypatch.setattr(engine, "propose", propose)
    login_professional(client, pia)
    html = page(client, PLANNER + VANTAA_KERAVA)
    assert "Ei voi" in html.one("error-summary").text


def test_saving_creates_the_plan_and_shows_it(client, pia, proposals):
    login_professional(client, pia)
    response = client.post(PLANNER + VANTAA_KERAVA, {"name": "Kaksi aluetta"})
    plan = AreaPlan.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/fi/leading/planning/plans/{plan.pk}/"
    assert plan.name == "Kaksi aluetta"
    assert plan.county.code == "04"
    assert plan.created_by == pia
    html = page(client, response["Location"])
    assert html.one("plan-name").text == "Kaksi aluetta"
    assert [row.text.split(" ")[1] for row in html.by_testid("area-row")] == [
        "Kerava",
        "Tikkurila",
    ]
    assert len(html.by_testid("legend-area")) == 2
    listing = page(client, PLANS)
    assert "Kaksi aluetta" in listing.one("plans-table").text


def test_saving_without_a_name_keeps_the_proposal_and_says_so(client, pia, proposals):
    login_professional(client, pia)
    response = client.post(PLANNER + VANTAA_KERAVA, {"name": ""})
    assert response.status_code == 200
    html = parse(response)
    assert html.by_id("id_name_error").text
    assert len(html.by_testid("area-row")) == 2
    assert not AreaPlan.objects.exists()


def test_pages_speak_swedish(client, pia, proposals):
    login_professional(client, pia)
    html = page(client, "/sv/leading/planning/" + VANTAA_KERAVA)
    assert html.find_all("html")[0].get("lang") == "sv"
    with translation.override("sv"):
        from django.utils.translation import gettext

        assert html.find_all("h1")[0].text == gettext("Area planner")


# --- Who may not ----------------------------------------------------------------------------------


def test_anonymous_visitor_is_sent_to_the_login(client):
    response = client.get(PLANNER)
    assert response.status_code == 302
    assert "/staff/login/" in response["Location"]


def test_professional_without_a_leader_role_is_told_why_not(client, desk, proposals):
    login_professional(client, desk.aino)
    html = page(client, PLANNER + VANTAA_KERAVA, status=403)
    assert html.one("forbidden-reason").text
    assert proposals == []


def test_leader_who_may_not_plan_is_told_why_not(client, lasse, proposals):
    login_professional(client, lasse)
    for url in (PLANNER, PLANNER + VANTAA_KERAVA, PLANS):
        html = page(client, url, status=403)
        with translation.override("fi"):
            assert html.one("forbidden-reason").text
    assert proposals == []


def test_leader_of_another_county_may_not_plan_this_one(client, ulla, proposals):
    login_professional(client, ulla)
    html = page(client, PLANNER + VANTAA_KERAVA, status=403)
    assert "Vantaan ja Keravan" in html.one("forbidden-reason").text
    assert proposals == []
    response = client.post(PLANNER + VANTAA_KERAVA, {"name": "Vieras"})
    assert response.status_code == 403
    assert not AreaPlan.objects.exists()


def test_leader_of_another_county_sees_neither_its_plans_nor_one_of_them(
    client, pia, ulla, proposals
):
    login_professional(client, pia)
    client.post(PLANNER + VANTAA_KERAVA, {"name": "Vantaan suunnitelma"})
    plan = AreaPlan.objects.get()
    client.logout()
    login_professional(client, ulla)
    assert "Vantaan suunnitelma" not in page(client, PLANS).text
    page(client, f"/fi/leading/planning/plans/{plan.pk}/", status=403)
    page(client, f"/fi/leading/planning/plans/{plan.pk}/apply/", status=403)
    assert client.post(f"/fi/leading/planning/plans/{plan.pk}/apply/").status_code == 403


# --- Applying a plan needs the right to maintain the county's network ----------------------------


@pytest.fixture
def saved_plan(client, pia, proposals) -> AreaPlan:
    login_professional(client, pia)
    client.post(PLANNER + VANTAA_KERAVA, {"name": "Kaksi aluetta"})
    client.logout()
    return AreaPlan.objects.get()


def test_planner_without_maintainer_rights_sees_what_applying_would_do_but_no_button(
    client, pia, saved_plan
):
    login_professional(client, pia)
    html = page(client, f"/fi/leading/planning/plans/{saved_plan.pk}/apply/")
    assert html.by_testid("apply-form") == []
    assert html.one("apply-refused").text
    response = client.post(f"/fi/leading/planning/plans/{saved_plan.pk}/apply/")
    assert response.status_code == 403
    saved_plan.refresh_from_db()
    assert saved_plan.applied_at is None


def test_maintainer_who_plans_applies_the_plan_after_confirming(client, veera, saved_plan):
    login_professional(client, veera)
    url = f"/fi/leading/planning/plans/{saved_plan.pk}/apply/"
    html = page(client, url)
    assert html.one("apply-form")
    assert html.one("apply-preview")
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == f"/fi/leading/planning/plans/{saved_plan.pk}/"
    saved_plan.refresh_from_db()
    assert saved_plan.applied_at is not None
    assert saved_plan.applied_by == veera
    html = page(client, response["Location"])
    assert html.one("messages").text


# --- With the real engine ---------------------------------------------------------------------


def test_the_real_proposal_for_east_uusimaa_shows_every_area_on_the_page(client, network):
    county = County.objects.get(code="01")
    ella = leader("ella", network.county_org, network.espoo, county=county, may_plan=True)
    login_professional(client, ella)
    html = page(client, PLANNER + "?county=01")
    expected = engine.propose(county_code="01", options=engine.ProposalOptions())
    names = [row.find_all("th")[0].text for row in html.by_testid("area-row")]
    assert names == [f"{n} {area.name}" for n, area in enumerate(expected.areas, start=1)]
    assert html.one("areas-proposed").text == str(len(expected.areas))
    assert [li.text for li in html.by_testid("legend-area")] == names


# --- The admin: saved plans for superusers, read-mostly ------------------------------------------


def test_superuser_reads_a_saved_plan_in_the_admin_and_may_not_add_one(
    client, personas, saved_plan
):
    client.force_login(personas.olli)
    listing = client.get("/en/admin/planning/areaplan/")
    assert listing.status_code == 200 and "Kaksi aluetta" in listing.content.decode()
    assert client.get(f"/en/admin/planning/areaplan/{saved_plan.pk}/change/").status_code == 200
    assert client.get("/en/admin/planning/areaplan/add/").status_code == 403


def test_county_maintainer_does_not_see_plans_in_the_admin(client, personas, saved_plan):
    client.force_login(personas.veera)
    assert client.get("/en/admin/planning/areaplan/").status_code == 403
