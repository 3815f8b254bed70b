"""The parenting plan's process, through its services: starting, inviting, the parents' views,
the differences, agreeing, accepting, and sending the plan to a family law service."""

from datetime import timedelta

import pytest
from django.utils import timezone

from perhekeskus.contacts.models import ContactRequest
from perhekeskus.errors import InvalidInput, NotFound
from perhekeskus.inbox.models import InboxEvent
from perhekeskus.parenting import selectors, services
from perhekeskus.parenting.codes import code_digest
from perhekeskus.parenting.models import AgreedItem, ParentingPlan, PlanParent, PlanView, Role
from perhekeskus.parenting.services import (
    Answer,
    ChildRow,
    PlanNotAccepted,
    PlanNotReady,
    SecondParentJoined,
)
from perhekeskus.parenting.topics import TOPICS
from tests.parenting.helpers import (
    both_accepted,
    everything_agreed,
    parents_started,
    pdf_text,
    view,
)

pytestmark = pytest.mark.django_db


def test_a_parent_starts_a_plan_and_only_a_digest_of_the_code_is_kept():
    started = services.plan_start(
        lang="sv",
        children=[ChildRow("Aada", 2017), ChildRow("Eeli", 2021)],
        name="Maija",
    )
    assert len(started.code) == 32
    stored = PlanParent.objects.get(plan=started.plan, role=Role.FIRST)
    assert stored.code_digest == code_digest(started.code)
    assert started.code not in str(PlanParent.objects.values_list())
    assert started.plan.lang == "sv"
    assert [str(child) for child in started.plan.children.all()] == ["Aada (2017)", "Eeli (2021)"]
    # The other parent's place waits for an invitation: no code opens it yet.
    assert PlanParent.objects.get(plan=started.plan, role=Role.SECOND).code_digest is None
    assert selectors.parent_by_code(started.plan, started.code) == stored
    assert selectors.parent_by_code(started.plan, started.code[:-1] + "x") is None


def test_children_are_named_by_first_name_and_a_year_of_birth_under_18():
    this_year = timezone.localdate().year
    with pytest.raises(InvalidInput) as refused:
        services.plan_start(
            lang="fi", children=[ChildRow("", this_year - 3), ChildRow("Aada", this_year - 18)]
        )
    assert set(refused.value.details) == {"0-first_name", "1-birth_year"}
    with pytest.raises(InvalidInput) as no_child:
        services.plan_start(lang="fi", children=[])
    assert "children" in no_child.value.details
    assert not ParentingPlan.objects.exists()


def test_the_other_parent_gets_a_code_of_their_own_which_is_theirs_once_they_open_the_plan():
    started = services.plan_start(lang="fi", children=[ChildRow("Aada", 2017)])
    lost = services.plan_invite(by=started.parent)
    second_code = services.plan_invite(by=started.parent)  # the first link got lost
    assert selectors.parent_by_code(started.plan, lost) is None
    second = selectors.parent_by_code(started.plan, second_code)
    assert second is not None and second.role == Role.SECOND
    services.parent_join(parent=second)
    # From now on the first parent cannot make a code that would open the plan as the other.
    with pytest.raises(SecondParentJoined):
        services.plan_invite(by=started.parent)
    assert selectors.parent_by_code(started.plan, second_code) == second


def test_a_view_stays_a_draft_until_shared_and_the_other_parent_sees_only_what_is_shared():
    parents = parents_started()
    view(parents.first, "residence", choice="alternating", text="Viikko ja viikko.", share=False)
    matti_sees = {row.key: row for row in selectors.rows_for(parents.plan, Role.SECOND)}
    child = parents.plan.children.get()
    row = matti_sees[f"residence-{child.pk}"]
    assert row.theirs is None and row.state == "none"
    maija_sees = {row.key: row for row in selectors.rows_for(parents.plan, Role.FIRST)}
    assert maija_sees[f"residence-{child.pk}"].my_draft

    assert services.views_share(by=parents.first) == 1
    row = {r.key: r for r in selectors.rows_for(parents.plan, Role.SECOND)}[f"residence-{child.pk}"]
    assert row.theirs is not None and row.theirs.text == "Viikko ja viikko."
    assert row.state == "only_one"


def test_the_differences_are_same_different_or_only_one_answered_per_topic():
    parents = parents_started()
    view(parents.first, "residence", choice="alternating", text="Viikko ja viikko.", share=True)
    view(parents.second, "residence", choice="alternating", text="Vuoroviikoin", share=True)
    view(parents.first, "time", choice="alternate_weeks", share=True)
    view(parents.second, "time", choice="weekends", share=True)
    view(parents.first, "new_partners", text="Kerrotaan ensin toiselle.", share=True)
    view(parents.second, "new_partners", text="  kerrotaan ensin toiselle ", share=True)
    view(parents.first, "holidays", text="Joulu vuorotellen.", share=True)
    states = {row.item.topic.code: row.state for row in selectors.rows_for(parents.plan, "a")}
    assert states["residence"] == "same"  # the same arrangement, in their own words
    assert states["time"] == "different"
    assert states["new_partners"] == "same"
    assert states["holidays"] == "only_one"
    assert states["money"] == "none"


def test_some_other_way_needs_the_parents_own_words():
    parents = parents_started()
    child = parents.plan.children.get()
    with pytest.raises(InvalidInput) as refused:
        services.views_save(
            by=parents.first, topic="residence", answers=[Answer(child, "other", "")], share=True
        )
    assert f"{child.pk}-text" in refused.value.details
    with pytest.raises(InvalidInput):
        services.views_save(
            by=parents.first,
            topic="residence",
            answers=[Answer(child, "no_such_choice", "x")],
            share=True,
        )
    assert not PlanView.objects.exists()


def test_topics_about_the_whole_family_have_no_child_and_another_plans_child_is_refused():
    parents = parents_started()
    other = parents_started()
    with pytest.raises(NotFound):
        services.views_save(
            by=parents.first,
            topic="residence",
            answers=[Answer(other.plan.children.get(), "alternating", "")],
            share=True,
        )
    services.views_save(
        by=parents.first,
        topic="communication",
        answers=[Answer(None, "messages", "Viestein.")],
        share=True,
    )
    assert PlanView.objects.get(topic="communication").child is None


def test_the_plan_is_accepted_only_when_everything_is_agreed_and_both_accept():
    parents = parents_started()
    with pytest.raises(PlanNotReady):
        services.plan_accept(by=parents.first)
    everything_agreed(parents)
    assert AgreedItem.objects.filter(plan=parents.plan).count() == len(TOPICS)
    services.plan_accept(by=parents.first)
    parents.plan.refresh_from_db()
    state = selectors.plan_state(parents.plan)
    assert state.accepted_by(Role.FIRST) and not state.accepted
    services.plan_accept(by=parents.second)
    parents.plan.refresh_from_db()
    assert selectors.plan_state(parents.plan).accepted
    first = PlanParent.objects.get(pk=parents.first.pk)
    assert first.accepted_at is not None and first.accepted_version == parents.plan.version


def test_a_plan_cannot_be_accepted_before_the_other_parent_has_opened_it():
    started = services.plan_start(lang="fi", children=[ChildRow("Aada", 2017)])
    parents_plan = started.plan
    for item in selectors.items_of(parents_plan):
        services.agreed_save(by=started.parent, topic=item.topic.code, child=item.child, text="x")
    with pytest.raises(PlanNotReady):
        services.plan_accept(by=started.parent)


def test_an_edit_after_acceptance_reopens_the_plan():
    parents = parents_started()
    both_accepted(parents)
    child = parents.plan.children.get()
    services.agreed_save(
        by=parents.second, topic="holidays", child=child, text="Joulu aina äidillä."
    )
    parents.plan.refresh_from_db()
    state = selectors.plan_state(parents.plan)
    assert not state.accepted
    assert not state.accepted_by(Role.FIRST) and not state.accepted_by(Role.SECOND)
    assert parents.plan.reopened_at is not None
    assert AgreedItem.objects.get(topic="holidays").written_by == Role.SECOND
    # Saving the same text again changes nothing.
    version = parents.plan.version
    services.agreed_save(
        by=parents.second, topic="holidays", child=child, text="Joulu aina äidillä."
    )
    parents.plan.refresh_from_db()
    assert parents.plan.version == version


def test_changing_the_children_reopens_the_plan_and_removing_a_child_removes_their_texts():
    parents = parents_started(children=[ChildRow("Aada", 2017), ChildRow("Eeli", 2021)])
    both_accepted(parents)
    aada, eeli = parents.plan.children.all()
    services.children_set(
        by=parents.first,
        rows=[ChildRow("Aada", 2017, pk=aada.pk), ChildRow("Eeli", 2021, pk=eeli.pk, remove=True)],
    )
    parents.plan.refresh_from_db()
    assert not selectors.plan_state(parents.plan).accepted
    assert not AgreedItem.objects.filter(child_id=eeli.pk).exists()
    assert [child.first_name for child in parents.plan.children.all()] == ["Aada"]


def test_the_pdf_is_in_the_plans_language_dated_and_shows_both_acceptances():
    parents = parents_started(lang="sv")
    both_accepted(parents)
    from perhekeskus.parenting.pdf import plan_pdf

    text = pdf_text(plan_pdf(parents.plan))
    assert "Föräldraskapsplan" in text
    assert "Aada, född 2017" in text
    assert "Sovittu: residence" in text
    assert "Maija" in text and "Matti" in text
    assert timezone.localdate().strftime("%-d.%-m.%Y") in text


def test_sending_an_accepted_plan_reaches_the_family_law_services_queue(family_law):
    parents = parents_started()
    with pytest.raises(PlanNotAccepted):
        services.plan_send(
            by=parents.first,
            service=family_law.service,
            message="",
            may_leave_message=True,
            may_call_any_time=True,
            phone="+358401234567",
        )
    both_accepted(parents)
    submission = services.plan_send(
        by=parents.first,
        service=family_law.service,
        message="Haluamme vahvistaa sopimuksen.",
        may_leave_message=False,
        may_call_any_time=True,
        phone="+358401234567",
        link_for=lambda sent: f"https://perhekeskus.example/fi/parenting-plan/received/{sent.pk}/",
    )
    request = ContactRequest.objects.get()
    assert request.queue == family_law.queue
    assert request.service == family_law.service
    assert request.topic == "relationships_separation"
    assert request.may_leave_message is False
    assert "Haluamme vahvistaa sopimuksen." in request.about
    assert f"/parenting-plan/received/{submission.pk}/" in request.about
    assert submission.organisation == family_law.service.organisation
    assert bytes(submission.pdf).startswith(b"%PDF")
    assert InboxEvent.objects.filter(item_id=request.pk, action="received").exists()


def test_a_plan_is_sent_only_to_a_family_law_service(network, family_law):
    parents = parents_started()
    both_accepted(parents)
    with pytest.raises(InvalidInput):
        services.plan_send(
            by=parents.first,
            service=network.child_health_clinic,
            message="",
            may_leave_message=True,
            may_call_any_time=True,
            phone="+358401234567",
        )
    assert not ContactRequest.objects.exists()


def test_retention_counts_from_the_last_change():
    parents = parents_started()
    before = parents.plan.changed_at
    view(parents.first, "residence", text="Äidillä.", share=False)
    parents.plan.refresh_from_db()
    assert parents.plan.changed_at > before
    assert services.retention_cutoff(parents.plan.changed_at + timedelta(days=90)) == (
        parents.plan.changed_at
    )
