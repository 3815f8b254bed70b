"""Who uses the method catalogue, on top of tests.personas' network and tests.professionals' desk.

- Aino (public health nurse, West Uusimaa county, Espoo) searches the catalogue and refers.
- Maija (family centre coordinator, the same organisation) keeps its training records.
- Kalle (social worker, Vantaa) is trained in Lapset puheeksi, in another area.
- Hanna (family worker at the NGO's family café in Espoo) is trained in Lapset puheeksi, in
  Aino's area; the NGO as a whole runs Vahvuutta vanhemmuuteen groups.
- Leena maintains the West Uusimaa county's network data; Olli is the administrator.
"""

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from perhekeskus.methods.catalogue import catalogue_load
from perhekeskus.methods.models import Method, MethodTraining
from perhekeskus.methods.search import index_reset
from perhekeskus.staff.models import Professional
from tests.personas import PASSWORD, Network
from tests.professionals import Desk, login_professional


@pytest.fixture(autouse=True)
def _fresh_method_index():
    index_reset()
    yield
    index_reset()


@pytest.fixture
def catalogue(db) -> dict[str, Method]:
    """The catalogue shipped with the package (the data migration loads it; a flushed
    database gets it again)."""
    catalogue_load()
    return {method.code: method for method in Method.objects.all()}


@dataclass
class Trained:
    catalogue: dict[str, Method]
    network: Network
    aino: Professional
    maija: Professional
    kalle: Professional
    hanna: Professional
    outsider: Professional  # a social worker in Vantaa, trained in nothing

    def method(self, code: str) -> Method:
        return self.catalogue[code]


def years_ago(years: int) -> date:
    return timezone.localdate() - timedelta(days=365 * years)


@pytest.fixture
def trained(catalogue, desk: Desk, network: Network) -> Trained:
    hanna = Professional.objects.create(
        user=User.objects.create_user(
            "hanna", password=PASSWORD, first_name="Hanna", last_name="Harju"
        ),
        organisation=network.ngo,
        role=Professional.Role.FAMILY_WORKER,
        municipality=network.espoo,
    )
    outsider = Professional.objects.create(
        user=User.objects.create_user("outi", password=PASSWORD, first_name="Outi"),
        organisation=network.vantaa_org,
        role=Professional.Role.SOCIAL_WORKER,
        municipality=network.vantaa,
    )
    desk.kalle.user.last_name = "Koski"
    desk.kalle.user.save()
    lp = catalogue["lapset-puheeksi"]
    MethodTraining.objects.create(method=lp, professional=hanna, trained_on=years_ago(2))
    MethodTraining.objects.create(
        method=lp, professional=desk.kalle, trained_on=years_ago(3), certificate="LP-keskustelu"
    )
    MethodTraining.objects.create(
        method=catalogue["vahvuutta-vanhemmuuteen"],
        organisation=network.ngo,
        trained_on=years_ago(1),
        certificate="ryhmänohjaajat",
    )
    # An expired certificate counts for nobody.
    MethodTraining.objects.create(
        method=catalogue["ihmeelliset-vuodet"],
        professional=hanna,
        trained_on=years_ago(5),
        valid_until=years_ago(2),
    )
    return Trained(catalogue, network, desk.aino, desk.maija, desk.kalle, hanna, outsider)


def as_(professional: Professional) -> Client:
    return login_professional(Client(), professional)
