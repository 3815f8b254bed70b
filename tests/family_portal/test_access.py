"""The one road for a family member (`consent.access.family_member_access` and
`family_member_person_access`): who in the family sees what, and that every answer is
audited. Denials are tested as carefully as permissions."""

from datetime import date

import pytest

from perhekeskus.audit.models import AuditEvent
from perhekeskus.clients.models import FamilyMember, Relation
from perhekeskus.consent.access import family_member_access, family_member_person_access
from perhekeskus.consent.models import DataCategory
from perhekeskus.consent.services import self_determination_record
from perhekeskus.errors import NotFound
from tests.clients.families import person_make
from tests.referrals.around import Around

pytestmark = pytest.mark.django_db

PLAN, BASIC, HEALTH, SOCIAL = (
    DataCategory.PLAN,
    DataCategory.BASIC,
    DataCategory.HEALTH,
    DataCategory.SOCIAL_WELFARE,
)


def sees_family(person, family, category) -> bool:
    try:
        family_member_access(person=person, family_id=family.pk, category=category)
    except NotFound:
        return False
    return True


def sees_person(viewer, person, category) -> bool:
    try:
        family_member_person_access(viewer=viewer, person_id=person.pk, category=category)
    except NotFound:
        return False
    return True


@pytest.mark.parametrize(
    ("who", "category", "allowed"),
    [
        ("mother", PLAN, True),
        ("mother", BASIC, True),
        ("mother", HEALTH, True),
        ("teen", PLAN, True),  # the shared family plan
        ("teen", BASIC, False),  # not the family's access log or other members' data
        ("grandmother", PLAN, True),
        ("grandmother", HEALTH, False),
    ],
)
def test_who_in_the_family_sees_which_of_the_familys_data(around: Around, who, category, allowed):
    grandmother = person_make(
        given_names="Helmi", family_name="Virtanen", date_of_birth=date(1958, 4, 4)
    )
    FamilyMember.objects.create(
        family=around.virtanen.family, person=grandmother, relation=Relation.OTHER_ADULT
    )
    person = grandmother if who == "grandmother" else getattr(around.virtanen, who)

    assert sees_family(person, around.virtanen.family, category) is allowed
    event = AuditEvent.objects.order_by("-sequence").first()
    assert event.actor_kind == "family_member" and event.purpose == "own_view"
    assert event.outcome == ("allowed" if allowed else "denied")
    assert event.family_id == (str(around.virtanen.family.pk) if allowed else "")


def test_a_guardian_sees_the_childs_data_until_the_child_refuses(around: Around):
    mother, teen = around.virtanen.mother, around.virtanen.teen
    assert sees_person(mother, teen, SOCIAL)

    self_determination_record(
        child=teen,
        category=SOCIAL,
        reason="Liisa wants to handle this with the school social worker herself.",
        refuses_guardians=True,
        by=around.aino,
    )

    assert not sees_person(mother, teen, SOCIAL)
    assert sees_person(mother, teen, HEALTH)  # only the category she refused
    assert sees_person(teen, teen, SOCIAL)  # her own, always


def test_nobody_sees_another_adults_data_in_the_own_view(around: Around):
    assert not sees_person(around.virtanen.mother, around.virtanen.father, BASIC)
    assert not sees_person(around.virtanen.teen, around.virtanen.mother, BASIC)
    denied = AuditEvent.objects.filter(outcome="denied", actor_kind="family_member")
    assert denied.count() == 2
    assert set(denied.values_list("family_id", flat=True)) == {""}


def test_a_missing_person_or_family_is_the_same_not_found(around: Around):
    mother = around.virtanen.mother
    with pytest.raises(NotFound):
        family_member_person_access(viewer=mother, person_id=999999, category=BASIC)
    with pytest.raises(NotFound):
        family_member_access(person=mother, family_id="not-a-number", category=PLAN)
