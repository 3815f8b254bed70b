"""Who may open a parenting plan, and who may not (`perhekeskus.parenting.access`):

- a parent, with their own code (or from the plan they saved to their login), sees the plan and
  their own views, drafts included;
- the other parent sees a parent's view only once it is shared;
- nobody else reaches the plan through its address: not a visitor without the code, not a
  logged-in family member who did not save it, not a professional;
- a plan sent to a family law service is opened by that organisation's professionals who work
  the contact request's queue, and by nobody else: not a colleague of the same organisation
  outside the queue, not a member of the queue from another organisation, not anyone logged
  out. Every professional's attempt, allowed or refused, is in the audit log.
"""

from dataclasses import dataclass

import pytest
from django.test import Client

from perhekeskus.audit.models import AuditEvent
from perhekeskus.errors import NotFound
from perhekeskus.parenting import access, services
from perhekeskus.parenting.models import PlanSubmission
from perhekeskus.staff.models import Professional
from tests.clients.conftest import identity_keys, virtanen  # noqa: F401
from tests.family_portal.helpers import logged_in_as
from tests.parenting.helpers import (
    FamilyLaw,
    Parents,
    both_accepted,
    family_law_build,
    opened,
    parents_started,
    view,
)
from tests.professionals import login_professional

pytestmark = pytest.mark.django_db

SECRET = "Maijan luonnos: lapsi asuisi minulla."
SHARED = "Matin jaettu näkemys: vuoroasuminen."
ALLOW, DENY = "allow", "deny"


@dataclass
class Scene:
    parents: Parents
    submission: PlanSubmission
    family_law: FamilyLaw


@pytest.fixture
def scene(network, desk) -> Scene:
    family_law = family_law_build(network, desk)
    parents = parents_started()
    view(parents.first, "residence", choice="with_a", text=SECRET, share=False)
    view(parents.second, "new_partners", text=SHARED, share=True)
    both_accepted(parents)
    submission = services.plan_send(
        by=parents.first,
        service=family_law.service,
        message="Pyydämme aikaa lastenvalvojalle.",
        may_leave_message=True,
        may_call_any_time=True,
        phone="+358401234567",
    )
    return Scene(parents, submission, family_law)


def _plan_page(client: Client, scene: Scene, path: str = "") -> str:
    return client.get(f"/fi/parenting-plan/{scene.parents.plan.public_id}/{path}").content.decode()


# --- The plan itself, through its address ----------------------------------------------------


def test_the_parent_who_wrote_it_sees_their_own_draft(client, scene):
    opened(client, scene.parents.plan, scene.parents.first_code)
    assert SECRET in _plan_page(client, scene, "together/")
    assert SHARED in _plan_page(client, scene, "together/")


def test_the_other_parent_sees_only_what_was_shared(client, scene):
    opened(client, scene.parents.plan, scene.parents.second_code)
    page = _plan_page(client, scene, "together/")
    assert SHARED in page
    assert SECRET not in page


@pytest.mark.parametrize("path", ["", "together/", "topics/residence/", "plan.pdf", "send/"])
def test_a_visitor_without_the_code_gets_only_the_code_form(client, scene, path):
    response = client.get(f"/fi/parenting-plan/{scene.parents.plan.public_id}/{path}")
    page = response.content.decode()
    assert response["Content-Type"].startswith("text/html")
    assert 'data-testid="open-form"' in page
    assert SECRET not in page and SHARED not in page and "Aada" not in page


def test_a_visitor_cannot_write_to_the_plan_without_the_code(client, scene):
    child = scene.parents.plan.children.get()
    response = client.post(
        f"/fi/parenting-plan/{scene.parents.plan.public_id}/together/",
        {f"residence-{child.pk}-agreed": "Lapsi asuu minulla."},
    )
    assert response.status_code == 403
    assert not scene.parents.plan.agreed.filter(text="Lapsi asuu minulla.").exists()


def test_the_code_of_one_plan_opens_no_other(client, scene):
    other = parents_started()
    response = client.post(
        f"/fi/parenting-plan/{scene.parents.plan.public_id}/open/", {"code": other.first_code}
    )
    assert response.status_code == 400
    assert "Aada" not in _plan_page(client, scene)


def test_a_logged_in_family_member_who_did_not_save_the_plan_cannot_open_it(
    client,
    scene,
    virtanen,  # noqa: F811
):
    services.plan_save_to_login(by=scene.parents.second, person=virtanen.father)
    logged_in_as(client, virtanen.mother)
    public_id = scene.parents.plan.public_id
    assert client.post(f"/fi/parenting-plan/mine/{public_id}/open/").status_code == 404
    assert client.post(f"/fi/parenting-plan/mine/{public_id}/remove/").status_code == 404
    assert "Aada" not in _plan_page(client, scene)
    assert "Aada" not in client.get("/fi/parenting-plan/mine/").content.decode()
    # The father, who saved it, opens it as the parent he is in the plan.
    father = logged_in_as(Client(), virtanen.father)
    assert father.post(f"/fi/parenting-plan/mine/{public_id}/open/").status_code == 303
    page = _plan_page(father, scene, "together/")
    assert SHARED in page and SECRET not in page


def test_a_professional_does_not_reach_the_plan_through_its_address(client, scene, desk):
    login_professional(client, scene.family_law.lotta)
    page = _plan_page(client, scene, "together/")
    assert SECRET not in page and SHARED not in page


# --- The copy sent to a family law service ---------------------------------------------------


def _cast(scene: Scene, desk) -> dict[str, tuple[Professional, str]]:
    return {
        "lotta (receiving organisation, works the queue)": (scene.family_law.lotta, ALLOW),
        "aino (receiving organisation, not in the queue)": (desk.aino, DENY),
        "kalle (another organisation, in the queue)": (desk.kalle, DENY),
        "maija (receiving organisation, another queue)": (desk.maija, DENY),
    }


def test_only_the_receiving_organisations_professionals_in_the_queue_open_the_sent_plan(
    scene, desk
):
    for name, (professional, expected) in _cast(scene, desk).items():
        before = AuditEvent.objects.count()
        for action, path in ((access.READ, ""), (access.READ_PDF, "pdf/")):
            client = login_professional(Client(), professional)
            response = client.get(f"/fi/parenting-plan/received/{scene.submission.pk}/{path}")
            assert response.status_code == (200 if expected == ALLOW else 404), name
            event = AuditEvent.objects.order_by("-sequence").first()
            assert event.action == action, name
            assert event.actor_id == str(professional.pk), name
            assert event.actor_organisation_id == str(professional.organisation_id), name
            assert event.target_id == str(scene.submission.pk), name
            assert event.outcome == ("allowed" if expected == ALLOW else "denied"), name
        assert AuditEvent.objects.count() == before + 2, name
        if expected == ALLOW:
            assert response["Content-Type"] == "application/pdf"


def test_a_missing_or_erased_copy_is_refused_like_a_forbidden_one_and_audited(scene):
    lotta = scene.family_law.lotta
    with pytest.raises(NotFound):
        access.submission_for(lotta, scene.submission.pk + 1000)
    scene.submission.erased_at = scene.submission.sent_at
    scene.submission.save(update_fields=["erased_at"])
    with pytest.raises(NotFound):
        access.submission_for(lotta, scene.submission.pk)
    outcomes = list(
        AuditEvent.objects.filter(actor_id=str(lotta.pk)).values_list("outcome", flat=True)
    )
    assert outcomes == ["denied", "denied"]


def test_anyone_logged_out_or_a_parent_goes_to_the_professionals_login(client, scene):
    url = f"/fi/parenting-plan/received/{scene.submission.pk}/pdf/"
    assert "/staff/login/" in client.get(url)["Location"]
    opened(client, scene.parents.plan, scene.parents.first_code)
    assert "/staff/login/" in client.get(url)["Location"]
    assert not AuditEvent.objects.filter(target_type=access.TARGET_TYPE).exists()
