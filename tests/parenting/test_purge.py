"""Retention (säilytysaika): a plan is deleted a set time after its last change unless a parent
keeps it in their login; a sent copy goes when its contact request's personal data goes."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from perhekeskus.contacts import services as contacts
from perhekeskus.parenting import services
from perhekeskus.parenting.models import (
    AgreedItem,
    ParentingPlan,
    PlanChild,
    PlanSubmission,
    PlanView,
    SavedPlan,
)
from tests.parenting.helpers import both_accepted, parents_started, view

pytestmark = pytest.mark.django_db


def _age(plan: ParentingPlan, days: int) -> None:
    ParentingPlan.objects.filter(pk=plan.pk).update(
        changed_at=timezone.now() - timedelta(days=days)
    )


def test_purge_deletes_old_unsaved_plans_with_everything_in_them_and_keeps_the_rest(virtanen):
    old = parents_started()
    view(old.first, "residence", text="Äidillä.", share=True)
    both_accepted(old)
    recent = parents_started()
    saved = parents_started()
    services.plan_save_to_login(by=saved.first, person=virtanen.mother)
    _age(old.plan, 91)
    _age(saved.plan, 400)
    _age(recent.plan, 89)

    purged = services.purge_expired()

    assert purged.plans == 1
    assert set(ParentingPlan.objects.values_list("pk", flat=True)) == {
        recent.plan.pk,
        saved.plan.pk,
    }
    assert not PlanView.objects.filter(parent__plan_id=old.plan.pk).exists()
    assert not AgreedItem.objects.filter(plan_id=old.plan.pk).exists()
    assert not PlanChild.objects.filter(plan_id=old.plan.pk).exists()
    # Again: nothing more.
    assert services.purge_expired().plans == 0


def test_a_plan_removed_from_the_login_falls_under_retention_again(virtanen):
    parents = parents_started()
    kept = services.plan_save_to_login(by=parents.second, person=virtanen.father)
    _age(parents.plan, 120)
    assert services.purge_expired().plans == 0
    services.saved_remove(person=virtanen.father, saved=kept)
    assert services.purge_expired().plans == 1
    assert not SavedPlan.objects.exists()


def test_the_retention_period_is_a_setting(settings):
    settings.PERHEKESKUS_PARENTING_RETENTION_DAYS = 30
    parents = parents_started()
    _age(parents.plan, 31)
    assert services.purge_expired().plans == 1


def test_a_sent_copy_outlives_the_plan_until_its_contact_request_is_erased(family_law, settings):
    parents = parents_started()
    both_accepted(parents)
    submission = services.plan_send(
        by=parents.first,
        service=family_law.service,
        message="",
        may_leave_message=True,
        may_call_any_time=True,
        phone="+358401234567",
    )
    _age(parents.plan, 91)
    assert services.purge_expired() == services.Purged(plans=1, sent_copies=0)
    submission.refresh_from_db()
    assert submission.plan is None and bytes(submission.pdf).startswith(b"%PDF")

    request = submission.contact_request
    contacts.close(request, family_law.lotta, "Aika sovittu")
    settings.PERHEKESKUS_CONTACT_RETENTION_DAYS = 0
    assert contacts.erase_expired(timezone.now() + timedelta(seconds=1)) == 1
    assert services.purge_expired().sent_copies == 1
    submission = PlanSubmission.objects.get()
    assert bytes(submission.pdf) == b"" and submission.erased_at is not None


def test_the_command_reports_what_it_deleted_and_a_dry_run_deletes_nothing():
    parents = parents_started()
    _age(parents.plan, 100)
    out = StringIO()
    call_command("purge_parenting_plans", "--dry-run", stdout=out)
    assert "Would delete 1 parenting plan(s)" in out.getvalue()
    assert ParentingPlan.objects.exists()
    out = StringIO()
    call_command("purge_parenting_plans", stdout=out)
    assert "Deleted 1 parenting plan(s) unchanged for 90 days" in out.getvalue()
    assert not ParentingPlan.objects.exists()


def test_the_command_is_spelled_with_hyphens_on_the_command_line():
    from perhekeskus.cli import HYPHENATED

    assert "purge-parenting-plans" in HYPHENATED
