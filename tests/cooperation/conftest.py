"""People around the cooperation network, on top of tests.personas' network (West Uusimaa "03"
with Espoo and its Leppävaara area; Vantaa and Kerava "04").

- Maija is a family centre coordinator of the West Uusimaa county: she records its agreements,
  networks, meetings and plans.
- Helena leads the county (a county leader role): she manages the same.
- Eero leads Espoo (a municipality role): he sees what the City of Espoo is party to.
- Outi coordinates the NGO's family café (an organisation role at an NGO): she sees what her
  NGO is party to, but manages nothing; an NGO's coordinator is not the county's.
- Pia works for the Espoo parish with no leader role; she sees the network once she is named
  in it as a contact person.
- Ville leads the Vantaa and Kerava county: West Uusimaa's records are not his.
- Aino, the nurse, has no part in any network.

`documents_in_tmp` keeps uploaded documents in a temporary data directory.
"""

from dataclasses import dataclass
from datetime import date

import pytest
from django.test import Client

from perhekeskus.evaluation.models import LeaderRole
from perhekeskus.network.models import Organisation
from perhekeskus.staff.models import Professional
from tests.personas import Network
from tests.professionals import login_professional
from tests.referrals.around import professional

TODAY = date(2026, 5, 15)
Role = Professional.Role


@dataclass
class Cast:
    network: Network
    espoo_city: Organisation
    parish: Organisation
    maija: Professional
    helena: Professional
    eero: Professional
    outi: Professional
    pia: Professional
    ville: Professional
    aino: Professional


@pytest.fixture
def cast(network: Network) -> Cast:
    espoo_city = Organisation.objects.create(
        sector=Organisation.Sector.MUNICIPALITY,
        county=network.west_uusimaa,
        municipality=network.espoo,
        name="Espoon kaupunki",
        name_fi="Espoon kaupunki",
        name_sv="Esbo stad",
        name_en="City of Espoo",
    )
    parish = Organisation.objects.create(
        sector=Organisation.Sector.PARISH,
        county=network.west_uusimaa,
        municipality=network.espoo,
        name="Leppävaaran seurakunta",
        name_fi="Leppävaaran seurakunta",
        name_sv="Alberga församling",
        name_en="Leppävaara parish",
    )
    maija = professional("maija", network.county_org, Role.COORDINATOR, network.espoo)
    helena = professional("helena", network.county_org, Role.LEADER, network.espoo)
    LeaderRole.objects.create(professional=helena, county=network.west_uusimaa)
    eero = professional("eero", espoo_city, Role.LEADER, network.espoo)
    LeaderRole.objects.create(professional=eero, municipality=network.espoo)
    outi = professional("outi", network.ngo, Role.COORDINATOR, network.espoo)
    LeaderRole.objects.create(professional=outi, organisation=network.ngo)
    pia = professional("pia", parish, Role.FAMILY_WORKER, network.espoo)
    ville = professional("ville", network.vantaa_org, Role.LEADER, network.vantaa)
    LeaderRole.objects.create(professional=ville, county=network.vantaa_kerava)
    aino = professional("aino_nurse", network.county_org, Role.PUBLIC_HEALTH_NURSE, network.espoo)
    return Cast(network, espoo_city, parish, maija, helena, eero, outi, pia, ville, aino)


@pytest.fixture
def client_of():
    """A logged-in client (password and second factor) for a professional."""

    def make(person: Professional) -> Client:
        return login_professional(Client(), person)

    return make


@pytest.fixture(autouse=True)
def documents_in_tmp(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    return tmp_path
