"""Own worker (oma työntekijä) of a family that needs many services: assigned, handed over with a
reason, and always from an organisation that cares for the family."""

import pytest

from perhekeskus.consent.services import care_relationship_start
from perhekeskus.errors import InvalidInput
from perhekeskus.processes.models import Door, Kind, OwnWorkerHandover
from perhekeskus.processes.services import (
    OwnWorkerNotInCare,
    own_worker_assign,
    process_open,
)
from tests.client_processes.helpers import CLINIC_VISIT, assessment_open

pytestmark = pytest.mark.django_db


@pytest.fixture
def many_services(county_cares, desk):
    return process_open(
        family_id=county_cares.family.pk,
        kind=Kind.MANY_SERVICES,
        door=Door.CLINIC,
        arose_on=CLINIC_VISIT,
        support_need_words="Monta eri työntekijää, emme tiedä kenelle soittaa.",
        support_needs=["exhaustion", "school_refusal", "money_worries"],
        by=desk.aino,
    )


def handovers(process) -> list[tuple]:
    return [
        (h.from_worker, h.to_worker, h.reason, h.by)
        for h in OwnWorkerHandover.objects.filter(process=process)
    ]


def test_the_own_worker_is_assigned_and_handed_over_with_its_records(
    many_services, county_cares, desk
):
    process = own_worker_assign(
        process_id=many_services.pk, worker=desk.maija, reason="", by=desk.aino
    )
    assert process.own_worker == desk.maija

    # The family moves to Vantaa, whose family social work takes it on.
    care_relationship_start(family=county_cares.family, by=desk.kalle, basis="referral")
    with pytest.raises(InvalidInput):
        own_worker_assign(process_id=process.pk, worker=desk.kalle, reason=" ", by=desk.maija)
    process = own_worker_assign(
        process_id=process.pk, worker=desk.kalle, reason="Perhe muutti Vantaalle.", by=desk.maija
    )

    assert process.own_worker == desk.kalle
    assert handovers(process) == [
        (None, desk.maija, "", desk.aino),
        (desk.maija, desk.kalle, "Perhe muutti Vantaalle.", desk.maija),
    ]


def test_the_own_worker_must_come_from_an_organisation_caring_for_the_family(many_services, desk):
    with pytest.raises(OwnWorkerNotInCare):
        own_worker_assign(process_id=many_services.pk, worker=desk.kalle, reason="", by=desk.aino)
    many_services.refresh_from_db()
    assert many_services.own_worker is None
    assert handovers(many_services) == []


def test_only_a_family_needing_many_services_has_an_own_worker(county_cares, desk):
    assessment = assessment_open(county_cares, desk.aino)
    with pytest.raises(InvalidInput) as refused:
        own_worker_assign(process_id=assessment.pk, worker=desk.maija, reason="", by=desk.aino)
    assert "kind" in refused.value.details
    assert handovers(assessment) == []


def test_handing_over_to_the_present_own_worker_changes_nothing(many_services, desk):
    own_worker_assign(process_id=many_services.pk, worker=desk.maija, reason="", by=desk.aino)
    with pytest.raises(InvalidInput):
        own_worker_assign(
            process_id=many_services.pk, worker=desk.maija, reason="Uudestaan", by=desk.aino
        )
    assert len(handovers(many_services)) == 1
