"""Saving a proposal as a plan and applying it to the registry's areas: who may, what changes
(ids kept, sites moved, history written) and what is refused (a second apply, a plan older
than the registry's areas)."""

import pytest
from django.contrib.contenttypes.models import ContentType

from perhekeskus.errors import InvalidInput, PermissionDenied
from perhekeskus.inbox.models import Queue
from perhekeskus.network.models import Area, ChangeRecord, MaintainerRole, Site
from perhekeskus.planning.models import AreaPlan
from perhekeskus.planning.proposal import ProposalOptions, propose
from perhekeskus.planning.selectors import plan_apply_refusal, plan_get, plan_list
from perhekeskus.planning.services import (
    PlanAlreadyApplied,
    PlanOutdated,
    plan_apply,
    plan_save,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposal(network):
    return propose(county_code="03", options=ProposalOptions(new_meeting_places=2))


def test_a_planner_saves_a_proposal_with_its_areas_and_figures(planner, proposal):
    plan = plan_save(professional=planner, proposal=proposal, name="  Kevät 2027  ")
    assert plan.name == "Kevät 2027"
    assert plan.created_by == planner and plan.applied_at is None
    assert plan.areas.count() == len(proposal.areas)
    assert plan.summary["in_band"] == sum(a.in_band for a in proposal.areas)
    assert plan.options["band_min"] == 35_000
    kauniainen = plan.areas.get(municipalities__code="235")
    assert kauniainen.postal_areas.exists()  # with its Espoo postal areas
    assert sum(plan.areas.values_list("population", flat=True)) == plan.summary["population"]
    assert sum(len(a.suggested_meeting_places) for a in plan.areas.all()) == 2
    assert list(plan_list(professional=planner)) == [plan]
    assert plan_get(professional=planner, plan_id=plan.id) == plan


def test_a_plan_needs_a_name(planner, proposal):
    with pytest.raises(InvalidInput):
        plan_save(professional=planner, proposal=proposal, name="   ")


def test_a_leader_without_the_right_to_plan_cannot_save_a_plan(leader_no_plan, proposal):
    with pytest.raises(PermissionDenied):
        plan_save(professional=leader_no_plan, proposal=proposal, name="x")


def test_a_professional_without_a_leader_role_cannot_save_or_see_plans(
    not_leader, planner, proposal
):
    with pytest.raises(PermissionDenied):
        plan_save(professional=not_leader, proposal=proposal, name="x")
    plan = plan_save(professional=planner, proposal=proposal, name="x")
    assert list(plan_list(professional=not_leader)) == []
    with pytest.raises(Exception) as missing:
        plan_get(professional=not_leader, plan_id=plan.id)
    assert missing.value.__class__.__name__ == "NotFound"


def test_a_planner_who_does_not_maintain_the_county_cannot_apply(planner, proposal):
    plan = plan_save(professional=planner, proposal=proposal, name="x")
    assert plan_apply_refusal(professional=planner, plan=plan)
    with pytest.raises(PermissionDenied):
        plan_apply(professional=planner, plan=plan)
    plan.refresh_from_db()
    assert plan.applied_at is None


def test_applying_a_plan_keeps_the_matched_area_and_moves_the_sites(
    network, planner_maintainer, proposal, uusimaa_sites
):
    old_espoo = network.espoo_area
    queue = Queue.objects.create(name="Espoo", area=old_espoo)
    gone = Area.objects.create(county=network.west_uusimaa, name="Vanha Lohja", population=1)
    gone.municipalities.add(uusimaa_sites.lohja_centre.municipality)
    uusimaa_sites.lohja_centre.area = gone
    uusimaa_sites.lohja_centre.save()
    plan = plan_save(professional=planner_maintainer, proposal=proposal, name="Uusi")
    assert plan_apply_refusal(professional=planner_maintainer, plan=plan) is None

    result = plan_apply(professional=planner_maintainer, plan=plan)

    areas = Area.objects.filter(county=network.west_uusimaa)
    assert areas.count() == len(proposal.areas)
    # Leppävaara's family centre area keeps its id (its queue and links stay) ...
    old_espoo.refresh_from_db()
    assert old_espoo in result.kept
    assert old_espoo.postal_areas.exists() and not old_espoo.municipalities.exists()
    queue.refresh_from_db()
    assert queue.area_id == old_espoo.id
    # ... the Lohja area of the registry was matched too, but the sites follow their place.
    lohja = areas.get(municipalities__code="444")
    uusimaa_sites.lohja_centre.refresh_from_db()
    assert uusimaa_sites.lohja_centre.area == lohja
    kauniainen = areas.get(municipalities__code="235")
    uusimaa_sites.kauniainen_cafe.refresh_from_db()
    assert uusimaa_sites.kauniainen_cafe.area == kauniainen
    network.family_centre.refresh_from_db()  # Leppävaara, postal code 02600
    assert network.family_centre.area.postal_areas.filter(code="02600").exists()
    uusimaa_sites.kirkkonummi_cafe.refresh_from_db()
    assert uusimaa_sites.kirkkonummi_cafe.area == areas.get(municipalities__code="257")
    assert result.sites_moved >= 2  # the two cafés had no area; Espoo's depend on the match
    assert len(result.created) == len(proposal.areas) - 2
    plan.refresh_from_db()
    assert plan.applied_by == planner_maintainer and plan.applied_at is not None
    # History, as the admin writes it: who changed which area.
    area_type = ContentType.objects.get_for_model(Area)
    records = ChangeRecord.objects.filter(content_type=area_type)
    assert records.filter(action=ChangeRecord.Action.CREATE).count() == len(result.created)
    assert records.filter(object_id=str(old_espoo.id), action=ChangeRecord.Action.CHANGE).exists()
    assert all(r.actor == planner_maintainer.user for r in records)
    site_type = ContentType.objects.get_for_model(Site)
    assert ChangeRecord.objects.filter(content_type=site_type).count() == result.sites_moved


def test_two_registry_areas_over_one_city_each_keep_their_id(network, planner_maintainer):
    proposal = propose(county_code="03", options=ProposalOptions())
    # Two registry areas over the same municipality: one keeps its id, the other goes.
    twin = Area.objects.create(county=network.west_uusimaa, name="Espoo kaksonen")
    twin.municipalities.add(network.espoo)
    queue = Queue.objects.create(name="Kaksonen", area=twin)
    network.meeting_place.area = twin
    network.meeting_place.save()
    areas_before = Area.objects.filter(county=network.west_uusimaa).count()
    plan = plan_save(professional=planner_maintainer, proposal=proposal, name="x")

    result = plan_apply(professional=planner_maintainer, plan=plan)

    assert areas_before == 2
    assert len(result.kept) == 2  # both overlap Espoo's areas: each matched one
    assert not result.removed
    queue.refresh_from_db()
    assert queue.area is not None


def test_a_removed_area_hands_its_sites_and_queue_to_its_successor(network, planner_maintainer):
    # A plan cut down by hand to Lohja alone: the Leppävaara area shares nothing with it.
    proposal = propose(county_code="03", options=ProposalOptions())
    proposal.areas = [a for a in proposal.areas if a.municipality_codes == ["444"]]  # Lohja only
    leftover = network.espoo_area
    queue = Queue.objects.create(name="Espoo", area=leftover)
    plan = plan_save(professional=planner_maintainer, proposal=proposal, name="x")

    result = plan_apply(professional=planner_maintainer, plan=plan)

    assert result.removed == [leftover.name]
    assert not Area.objects.filter(id=leftover.id).exists()
    (lohja,) = result.created
    queue.refresh_from_db()
    assert queue.area == lohja  # nothing shared: the only area left takes it
    network.family_centre.refresh_from_db()
    assert network.family_centre.area == lohja
    area_type = ContentType.objects.get_for_model(Area)
    assert ChangeRecord.objects.filter(
        content_type=area_type, object_id=str(leftover.id), action=ChangeRecord.Action.DELETE
    ).exists()


def test_a_plan_is_applied_once(planner_maintainer, proposal):
    plan = plan_save(professional=planner_maintainer, proposal=proposal, name="x")
    plan_apply(professional=planner_maintainer, plan=plan)
    with pytest.raises(PlanAlreadyApplied):
        plan_apply(professional=planner_maintainer, plan=AreaPlan.objects.get(id=plan.id))
    assert plan_apply_refusal(professional=planner_maintainer, plan=plan)


def test_a_plan_older_than_the_registrys_areas_is_refused(network, planner_maintainer, proposal):
    plan = plan_save(professional=planner_maintainer, proposal=proposal, name="x")
    Area.objects.create(county=network.west_uusimaa, name="Uusi alue joku lisäsi")
    with pytest.raises(PlanOutdated) as refused:
        plan_apply(professional=planner_maintainer, plan=plan)
    assert refused.value.code == "plan_outdated"
    assert Area.objects.filter(county=network.west_uusimaa).count() == 2  # nothing changed
    assert plan_apply_refusal(professional=planner_maintainer, plan=plan)


def test_the_right_to_apply_goes_with_the_maintainer_role(network, planner_maintainer, proposal):
    MaintainerRole.objects.filter(user=planner_maintainer.user).delete()
    plan = plan_save(professional=planner_maintainer, proposal=proposal, name="x")
    with pytest.raises(PermissionDenied):
        plan_apply(professional=planner_maintainer, plan=plan)
