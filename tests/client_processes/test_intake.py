"""Intake (asiakkaaksi tulo) as one service: the family, its members, the organisation's care
and the first client process, all or nothing."""

from datetime import date

import pytest
from django.utils import timezone

from perhekeskus.clients.identity import InvalidIdentityCode
from perhekeskus.clients.models import Family, Person
from perhekeskus.clients.services import NewMember
from perhekeskus.consent.models import CareRelationship
from perhekeskus.errors import InvalidInput
from perhekeskus.processes import services
from perhekeskus.processes.models import ClientProcess, Door, Kind, Status
from tests.clients.codes import code_for

pytestmark = pytest.mark.django_db

BORN = date(1991, 8, 30)


def members(code: str = "") -> list[NewMember]:
    return [
        NewMember(
            given_names="Sanna",
            family_name="Korhonen",
            date_of_birth=BORN,
            relation="guardian",
            identity_code=code,
        ),
        NewMember(
            given_names="Veeti",
            family_name="Korhonen",
            date_of_birth=date(2024, 1, 5),
            relation="child",
        ),
    ]


def intake(by, **overrides) -> ClientProcess:
    values = {
        "family_name": "Korhonen",
        "members": members(code_for(BORN, 311)),
        "safety_flag": "none",
        "safety_note": "",
        "kind": Kind.MANY_SERVICES,
        "door": Door.MEETING_PLACE,
        "arose_on": timezone.localdate(),
        "support_need_words": "En jaksa.",
        "support_needs": ["exhaustion"],
        "by": by,
    }
    return services.intake_record(**(values | overrides))


def nothing_left(organisation) -> bool:
    return (
        not Family.objects.filter(name="Korhonen").exists()
        and not Person.objects.filter(given_names="Sanna").exists()
        and not CareRelationship.objects.filter(organisation=organisation).exists()
        and not ClientProcess.objects.exists()
    )


def test_the_family_its_care_and_its_process_are_written_together(desk, identity_keys):
    process = intake(desk.aino)
    assert process.status == Status.OPEN and process.family.name == "Korhonen"
    assert process.family.persons.count() == 2
    assert CareRelationship.objects.filter(
        organisation=desk.aino.organisation, family=process.family
    ).exists()


def test_a_wrong_identity_code_leaves_nothing(desk, identity_keys):
    with pytest.raises(InvalidIdentityCode):
        intake(desk.aino, members=members(code_for(BORN, 311)[:-1] + "X"))
    assert nothing_left(desk.aino.organisation)


def test_an_unknown_door_is_refused_before_anything_is_written(desk, identity_keys):
    with pytest.raises(InvalidInput):
        intake(desk.aino, door="window")
    assert nothing_left(desk.aino.organisation)


def test_a_process_refused_after_the_family_was_written_takes_the_family_with_it(
    desk, identity_keys, monkeypatch
):
    def refuse(**kwargs):
        raise InvalidInput(details={"kind": "already open"})

    monkeypatch.setattr(services, "process_open", refuse)
    with pytest.raises(InvalidInput):
        intake(desk.aino)
    assert nothing_left(desk.aino.organisation)
