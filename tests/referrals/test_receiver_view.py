"""What Kalle in Vantaa sees of a referral: the reason always, the persons' data only as far as
the referral shares it and their consent still covers it, and every opening audited."""

import pytest

from perhekeskus.audit.models import AuditEvent
from perhekeskus.clients.models import SafetyFlag
from perhekeskus.consent.models import Consent
from perhekeskus.consent.services import consent_revoke
from perhekeskus.errors import NotFound
from perhekeskus.referrals.selectors import referral_for_receiver
from perhekeskus.referrals.services import referral_withdraw
from tests.referrals.around import BASIC, CONTACT, REASON, last_event

pytestmark = pytest.mark.django_db


def opened(referral, by):
    return referral_for_receiver(referral_id=referral.pk, professional=by)


def test_with_basic_information_shared_the_receiver_sees_names_and_dates_of_birth_only(around):
    referral = around.consented_referral([BASIC])
    view = opened(referral, around.kalle)
    assert view.reason == REASON
    assert [(p.given_names, p.date_of_birth) for p in view.persons] == [
        ("Liisa", around.virtanen.teen.date_of_birth),
        ("Eino", around.virtanen.baby.date_of_birth),
    ]
    assert all(p.phone is None and p.street_address is None for p in view.persons)
    assert view.visible_categories == ("basic",)
    assert (view.sent_by, view.to_service) == ("terveydenhoitaja, Espoo", str(around.family_work))
    # The mother is not concerned: she is not in the referral at all.
    assert around.virtanen.mother.pk not in [p.id for p in view.persons]
    event = last_event()
    assert (event.action, event.data_category, event.purpose, event.actor_id) == (
        "referral.read",
        "basic",
        "referral",
        str(around.kalle.pk),
    )


def test_contact_details_only_when_shared_and_never_an_address_the_family_must_keep(around):
    mother = around.virtanen.mother
    around.consent([mother], [CONTACT])
    referral = around.send(persons=[mother], shared_categories=[CONTACT])
    view = opened(referral, around.kalle)
    (person,) = view.persons
    assert (person.phone, person.street_address) == ("040 111 2233", "Kuusikuja 3 B 12")
    assert person.given_names is None  # basic information was not shared
    assert view.safety_flag == SafetyFlag.NONE
    assert {e.data_category for e in AuditEvent.objects.filter(action="referral.read")} == {
        "contact"
    }

    family = around.virtanen.family
    family.safety_flag = SafetyFlag.DO_NOT_DISCLOSE_ADDRESS
    family.safety_note = "Mother and children stay at a shelter."
    family.save()
    (person,) = opened(referral, around.kalle).persons
    assert (person.phone, person.street_address, person.address_withheld) == (
        "040 111 2233",
        None,
        True,
    )
    assert opened(referral, around.kalle).safety_note == "Mother and children stay at a shelter."


def test_a_revoked_consent_stops_sharing_at_once(around):
    referral = around.consented_referral([BASIC])
    teen_consent = Consent.objects.get(person=around.virtanen.teen, category=BASIC)
    consent_revoke(consent=teen_consent, by=around.aino)
    liisa, eino = opened(referral, around.kalle).persons
    assert (liisa.given_names, liisa.date_of_birth) == (None, None)
    assert eino.given_names == "Eino"


def test_the_receiver_sees_only_the_shared_categories_its_role_works_with(around):
    around.consent([around.virtanen.baby], [BASIC, "health"])
    referral = around.send(persons=[around.virtanen.baby], shared_categories=[BASIC, "health"])
    # Kalle is a social worker: health care information is another register.
    assert opened(referral, around.kalle).visible_categories == ("basic",)
    assert opened(referral, around.kalle).shared_categories == ("basic", "health")


def test_a_third_organisation_and_the_sender_see_nothing_and_are_audited(around):
    around.consent([around.virtanen.teen, around.virtanen.baby], [BASIC])
    referral = around.send()
    for stranger in (around.hanna, around.aino):
        with pytest.raises(NotFound):
            opened(referral, stranger)
        denied = last_event()
        assert (denied.action, denied.outcome, denied.actor_id, denied.family_id) == (
            "referral.read",
            "denied",
            str(stranger.pk),
            "",
        )
    assert not AuditEvent.objects.filter(action="referral.read", outcome="allowed").exists()


def test_once_withdrawn_nothing_of_the_persons_is_shared_any_more(around):
    referral = around.consented_referral([BASIC])
    referral_withdraw(
        referral_id=referral.pk, reason="The family said no after all.", by=around.aino
    )
    view = opened(referral, around.kalle)
    assert view.status == "withdrawn"
    assert view.persons == ()
    assert view.visible_categories == ()
    assert view.safety_flag is None
    assert last_event().data_category == ""
