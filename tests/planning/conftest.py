"""People and places for the area planner's tests (the reference data — every county,
municipality and postal area — is always there: a data migration loads it).

- `planner`: Pirjo, a coordinator in Espoo who leads West Uusimaa (county 03) and may plan its
  areas; she maintains no network data, so she cannot apply a plan.
- `planner_maintainer`: Leena (tests.personas: maintains West Uusimaa's network) with a planning
  leader role as well: she may apply a plan.
- `leader_no_plan`: Lauri leads West Uusimaa without the right to plan.
- `not_leader`: Aino, a public health nurse with no leader role.
- `uusimaa_sites`: a few family centres and meeting places in West Uusimaa around the personas'
  Leppävaara family centre and family café.
"""

from dataclasses import dataclass

import pytest

from perhekeskus.evaluation.models import LeaderRole
from perhekeskus.network.models import Municipality, Site
from perhekeskus.staff.models import Professional
from tests.personas import Network, Personas
from tests.referrals.around import professional


@pytest.fixture
def planner(network: Network) -> Professional:
    pirjo = professional("pirjo", network.county_org, Professional.Role.COORDINATOR, network.espoo)
    LeaderRole.objects.create(professional=pirjo, county=network.west_uusimaa, may_plan=True)
    return pirjo


@pytest.fixture
def planner_maintainer(network: Network, personas: Personas) -> Professional:
    leena = Professional.objects.create(
        user=personas.leena,
        organisation=network.county_org,
        role=Professional.Role.COORDINATOR,
        municipality=network.espoo,
    )
    LeaderRole.objects.create(professional=leena, county=network.west_uusimaa, may_plan=True)
    return leena


@pytest.fixture
def leader_no_plan(network: Network) -> Professional:
    lauri = professional("lauri", network.county_org, Professional.Role.COORDINATOR, network.espoo)
    LeaderRole.objects.create(professional=lauri, county=network.west_uusimaa, may_plan=False)
    return lauri


@pytest.fixture
def not_leader(network: Network) -> Professional:
    return professional(
        "aila", network.county_org, Professional.Role.PUBLIC_HEALTH_NURSE, network.espoo
    )


@dataclass
class UusimaaSites:
    lohja_centre: Site
    kirkkonummi_cafe: Site
    kauniainen_cafe: Site


def _site(
    network: Network, *, kind: str, code: str, postal: str, lat: float, lon: float, name: str
) -> Site:
    return Site.objects.create(
        kind=kind,
        operator=network.county_org,
        municipality=Municipality.objects.get(code=code),
        postal_code=postal,
        latitude=lat,
        longitude=lon,
        name=name,
        name_fi=name,
        name_sv=name,
        name_en=name,
    )


@pytest.fixture
def uusimaa_sites(network: Network) -> UusimaaSites:
    return UusimaaSites(
        lohja_centre=_site(
            network,
            kind=Site.Kind.FAMILY_CENTRE,
            code="444",
            postal="08100",
            lat=60.2487,
            lon=24.0653,
            name="Lohjan perhekeskus",
        ),
        kirkkonummi_cafe=_site(
            network,
            kind=Site.Kind.MEETING_PLACE,
            code="257",
            postal="02400",
            lat=60.1232,
            lon=24.4386,
            name="Kirkkonummen perhekahvila",
        ),
        kauniainen_cafe=_site(
            network,
            kind=Site.Kind.MEETING_PLACE,
            code="235",
            postal="02700",
            lat=60.2105,
            lon=24.7290,
            name="Kauniaisten perhekahvila",
        ),
    )
