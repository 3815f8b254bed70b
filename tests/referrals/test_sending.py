"""Aino refers Liisa and Eino Virtanen to family work in Vantaa: what the referral needs before it
goes, and what the family's consent (or a provision of law) lets it share."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from perhekeskus.clients.models import Person
from perhekeskus.errors import InvalidInput, NotFound
from perhekeskus.referrals.models import Referral
from perhekeskus.referrals.selectors import referrals_inbox
from perhekeskus.workdays import add_working_days
from tests.referrals.around import BASIC, CONTACT, last_event

pytestmark = pytest.mark.django_db


def test_sending_without_consent_is_refused_naming_each_missing_consent(around):
    around.consent([around.virtanen.teen, around.virtanen.baby], [BASIC])
    with translation.override("en"), pytest.raises(InvalidInput) as refused:
        around.send(shared_categories=[BASIC, CONTACT])
    missing = refused.value.details["missing_consents"]
    assert [(m["person"], m["category"]) for m in missing] == [
        ("Liisa Virtanen", "contact"),
        ("Eino Virtanen", "contact"),
    ]
    assert "Liisa Virtanen (contact details)" in refused.value.message
    assert not Referral.objects.exists()
    assert referrals_inbox(professional=around.kalle) == []


def test_with_a_guardians_consent_the_referral_goes_and_is_due_in_two_working_days(around):
    referral = around.consented_referral([BASIC, CONTACT])
    assert referral.status == Referral.Status.SENT
    assert referral.receive_due == add_working_days(referral.sent_at, 2).date()
    assert set(referral.persons.all()) == {around.virtanen.teen, around.virtanen.baby}
    assert (referral.from_organisation, referral.sent_by) == (around.aino.organisation, around.aino)
    event = last_event()
    assert (event.action, event.outcome, event.target_id) == (
        "referral.send",
        "allowed",
        str(referral.pk),
    )
    assert [row.id for row in referrals_inbox(professional=around.kalle)] == [referral.pk]


def test_a_consent_for_another_purpose_or_organisation_does_not_count(around):
    teen, baby = around.virtanen.teen, around.virtanen.baby
    around.consent([teen, baby], [BASIC], purpose="team")
    around.consent([teen, baby], [BASIC], recipient=around.network.ngo)
    with pytest.raises(InvalidInput) as refused:
        around.send()
    assert len(refused.value.details["missing_consents"]) == 2


def test_a_recorded_provision_of_law_replaces_consent(around):
    with pytest.raises(InvalidInput) as unwritten:
        around.send(basis=Referral.Basis.LEGAL_BASIS, legal_basis_text="  ")
    assert unwritten.value.details == {"missing": ["legal_basis_text"]}
    referral = around.send(
        basis=Referral.Basis.LEGAL_BASIS,
        legal_basis_text="Lastensuojelulaki 25 §: a duty to notify of a child's need for help.",
    )
    assert referral.status == Referral.Status.SENT
    assert referral.legal_basis_text.startswith("Lastensuojelulaki 25 §")


def test_a_worker_whose_organisation_does_not_care_for_the_family_cannot_refer_it(around):
    with pytest.raises(NotFound):
        around.send(by=around.hanna)
    event = last_event()
    assert (event.action, event.outcome, event.actor_organisation_id) == (
        "referral.send",
        "denied",
        str(around.hanna.organisation_id),
    )
    assert not Referral.objects.exists()


def test_only_the_familys_members_can_be_referred(around):
    stranger = Person.objects.create(
        given_names="Outi", family_name="Muu", date_of_birth=around.virtanen.teen.date_of_birth
    )
    for persons in ([around.virtanen.teen, stranger], []):
        with pytest.raises(InvalidInput):
            around.send(persons=persons, basis="legal_basis", legal_basis_text="LsL 25 §")


def test_nobody_shares_what_their_role_does_not_work_with(around):
    # Maija, the coordinator, does not see health care information, so she cannot share it.
    with pytest.raises(InvalidInput) as refused:
        around.send(
            by=around.maija,
            shared_categories=[BASIC, "health"],
            basis="legal_basis",
            legal_basis_text="LsL 25 §",
        )
    assert refused.value.details == {"shared_categories": ["health"]}
    with pytest.raises(InvalidInput):
        around.send(shared_categories=[], basis="legal_basis", legal_basis_text="LsL 25 §")


def test_a_warm_handoff_needs_the_time_of_the_joint_meeting(around):
    around.consent([around.virtanen.teen, around.virtanen.baby], [BASIC])
    with pytest.raises(InvalidInput):
        around.send(warm_handoff=True)
    meeting = timezone.now() + timedelta(days=3)
    referral = around.send(warm_handoff=True, handoff_meeting_at=meeting)
    assert (referral.warm_handoff, referral.handoff_meeting_at) == (True, meeting)
    row = referrals_inbox(professional=around.kalle)[0]
    assert (row.warm_handoff, row.handoff_meeting_at) == (True, meeting)


def test_the_service_must_be_one_of_the_receivers_and_the_reason_written(around):
    around.consent([around.virtanen.teen, around.virtanen.baby], [BASIC])
    with pytest.raises(InvalidInput):
        around.send(to_service=around.network.child_health_clinic)
    with pytest.raises(InvalidInput) as unwritten:
        around.send(reason=" ")
    assert unwritten.value.details == {"missing": ["reason"]}
    assert not Referral.objects.exists()
