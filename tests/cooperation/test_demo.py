"""The demo's cooperation network: kaisa, the demo family centre leader, has recorded an
agreement with its parties, commitments and document, the contact persons of an Espoo area (one
role left without a person), a meeting with decisions and a development plan."""

import pytest
from django.utils import timezone

from perhekeskus.cooperation import selectors
from perhekeskus.cooperation.access import cooperation_scopes
from perhekeskus.cooperation.demo import cooperation_demo
from perhekeskus.cooperation.models import Agreement, Change, Decision, DevelopmentPlan
from perhekeskus.evaluation.models import LeaderRole
from perhekeskus.network.models import Organisation
from perhekeskus.staff.models import Professional
from tests.referrals.around import professional

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_network(cast):
    kaisa = professional(
        "kaisa", cast.network.county_org, Professional.Role.LEADER, cast.network.espoo
    )
    LeaderRole.objects.create(professional=kaisa, county=cast.network.west_uusimaa, may_plan=True)
    return kaisa


def test_the_demo_records_an_agreement_its_network_a_meeting_and_a_plan(cast, demo_network):
    agreement = cooperation_demo()
    assert agreement is not None
    assert {p.organisation.sector for p in agreement.parties.all()} == {
        Organisation.Sector.COUNTY,
        Organisation.Sector.MUNICIPALITY,
        Organisation.Sector.PARISH,
        Organisation.Sector.NGO,
    }
    assert agreement.documents.count() == 1
    today = timezone.localdate()
    scopes = cooperation_scopes(demo_network)
    assert [d.agreement for d in selectors.agreements_review_due(scopes=scopes, today=today)] == [
        agreement
    ]
    network = selectors.area_network(scopes=scopes, area_id=cast.network.espoo_area.pk, today=today)
    assert len(network.roles) == 5 and [g.gap for g in network.gaps] == ["ended"]
    assert any(r.deputies for r in network.roles)
    assert Decision.objects.filter(plan__isnull=False).count() == 1
    plan = DevelopmentPlan.objects.get()
    assert len(selectors.goal_statuses(scopes=scopes, plan=plan, today=today)) == 3
    assert Change.objects.filter(actor=demo_network).exists()


def test_the_demo_replaces_its_own_records_and_can_wait_for_an_empty_database(cast, demo_network):
    cooperation_demo()
    cooperation_demo()
    assert Agreement.objects.count() == 1
    assert cooperation_demo(if_empty=True) is None
    assert Agreement.objects.count() == 1


def test_without_its_people_the_demo_says_what_is_missing(cast):
    notes = []

    class Out:
        def write(self, text):
            notes.append(text)

    assert cooperation_demo(stdout=Out()) is None
    assert "leader kaisa" in "".join(notes)
