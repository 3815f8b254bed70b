"""Referring beyond the county: Aino, a nurse of the West Uusimaa county, refers Liisa Virtanen
to a national NGO's counselling service for families of children with special needs, which
serves the whole country, and to a university hospital clinic that serves other counties. The
form shows both marked; Outi at the NGO receives and accepts the referral, and her organisation
takes the family on."""

from datetime import timedelta

import pytest
from django.utils import timezone

from perhekeskus.consent.models import CareRelationship
from perhekeskus.network.models import County, Organisation, Service, ServiceType
from perhekeskus.referrals.models import Referral
from perhekeskus.staff.models import Professional
from tests.families.html import parse
from tests.referrals.around import BASIC, REASON, professional
from tests.referrals.test_pages import as_, detail_url, form_data, new_url, step

pytestmark = pytest.mark.django_db


def _service(organisation: Organisation, name: str, type_code: str, **fields) -> Service:
    service = Service.objects.create(
        organisation=organisation, name_fi=name, status=Service.Status.PUBLISHED, **fields
    )
    service.service_types.add(ServiceType.objects.get(code=type_code))
    return service


@pytest.fixture
def national(around):
    ngo = Organisation.objects.create(
        name_fi="Erityislasten vanhempien liitto ry", sector=Organisation.Sector.NGO
    )
    counselling = _service(
        ngo,
        "Erityislasten perheiden neuvonta",
        "family_counselling",
        service_area=Service.ServiceArea.NATIONAL,
    )
    outi = professional("outi", ngo, Professional.Role.FAMILY_COUNSELLOR, around.network.vantaa)
    return ngo, counselling, outi


def test_the_form_offers_services_from_outside_the_region_marked_as_such(around, national):
    _ngo, counselling, _outi = national
    pirkanmaa = Organisation.objects.create(
        name_fi="Pirkanmaan hyvinvointialue",
        sector=Organisation.Sector.COUNTY,
        county=County.objects.get(code="08"),
    )
    clinic = _service(
        pirkanmaa,
        "Lastenpsykiatrian erityispoliklinikka",
        "child_mental_health",
        service_area=Service.ServiceArea.COUNTIES,
    )
    clinic.served_counties.set(County.objects.filter(code__in=["07", "08"]))

    page = parse(as_(around.aino).get(new_url(around.virtanen.family.pk)))

    options = {
        option.get("value"): option.text
        for option in page.by_id("id_to_service").find_all("option")
    }
    assert options[str(counselling.pk)] == "Erityislasten perheiden neuvonta – Palvelee koko maata"
    assert options[str(clinic.pk)] == (
        "Lastenpsykiatrian erityispoliklinikka – Palvelee näitä alueita: "
        "Kanta-Hämeen hyvinvointialue, Pirkanmaan hyvinvointialue"
    )
    assert options[str(around.family_work.pk)] == "Perhetyö, Tikkurila"
    page = parse(as_(around.aino).get(new_url(around.virtanen.family.pk, "sv")))
    labels = [option.text for option in page.by_id("id_to_service").find_all("option")]
    assert "Erityislasten perheiden neuvonta – Betjänar hela landet" in labels


def test_aino_refers_to_a_national_service_and_outi_receives_and_accepts_it(around, national):
    ngo, counselling, outi = national
    around.consent([around.virtanen.teen], [BASIC], recipient=ngo)
    aino = as_(around.aino)

    response = aino.post(
        new_url(around.virtanen.family.pk),
        form_data(
            around,
            to_organisation=ngo.pk,
            to_service=counselling.pk,
            persons=[around.virtanen.teen.pk],
        ),
    )

    assert response.status_code == 302, parse(response).one("error-summary").text
    referral = Referral.objects.get()
    assert (referral.to_organisation, referral.to_service) == (ngo, counselling)
    assert referral.from_organisation == around.aino.organisation
    assert referral.from_organisation.county.code == "03"

    outi_client = as_(outi)
    inbox = parse(outi_client.get("/fi/workspace/referrals/"))
    assert [row.get("data-referral") for row in inbox.by_testid("inbox-row")] == [str(referral.pk)]
    page = parse(outi_client.get(detail_url(referral.pk)))
    assert REASON in page.one("reason").text
    assert [p.text for p in page.by_testid("person-name")] == ["Liisa Virtanen"]

    assert step(outi_client, referral, "receive").status_code == 302
    by = (timezone.localdate() + timedelta(days=3)).isoformat()
    assert step(outi_client, referral, "accept", first_contact_by=by).status_code == 302

    referral.refresh_from_db()
    assert referral.status == Referral.Status.ACCEPTED
    assert CareRelationship.objects.filter(
        organisation=ngo, family=around.virtanen.family, ended_at__isnull=True
    ).exists()
    sender = parse(aino.get(detail_url(referral.pk)))
    assert sender.one("referral-status").text == "hyväksytty"


def test_a_worker_of_the_served_county_cannot_take_the_national_services_referral(around, national):
    ngo, counselling, _outi = national
    around.consent([around.virtanen.teen], [BASIC], recipient=ngo)
    referral = around.send(
        to_organisation=ngo, to_service=counselling, persons=[around.virtanen.teen]
    )
    # Kalle works for the Vantaa county, which the service also serves: that gives him nothing.
    kalle = as_(around.kalle)
    assert step(kalle, referral, "receive").status_code == 404
    referral.refresh_from_db()
    assert referral.status == Referral.Status.SENT
