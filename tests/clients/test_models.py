"""Families, persons and memberships as stored: the plain identity code never reaches the
database, a person is found by the code's digest, and ages are computed, not stored."""

from datetime import date

import pytest
from django.contrib import admin
from django.db import IntegrityError, connection, transaction

from perhekeskus.clients.identity import identity_code_decrypt, identity_code_digest
from perhekeskus.clients.models import Family, FamilyMember, Person, Relation, SafetyFlag
from perhekeskus.clients.selectors import age_on, person_age_on
from perhekeskus.network.models import Municipality
from tests.clients.codes import code_for
from tests.clients.families import TODAY, person_make

pytestmark = pytest.mark.django_db


def _raw_row(person: Person) -> list[object]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {Person._meta.db_table} WHERE id = %s", [person.pk])
        return list(cursor.fetchone())


def test_the_database_never_holds_a_plain_identity_code(virtanen):
    for role, code in virtanen.codes.items():
        row = " ".join(str(value) for value in _raw_row(getattr(virtanen, role))).upper()

        assert code not in row
        # Nor its digits without the sign, as DDMMYYZZZ.
        assert code[:6] + code[7:10] not in row


def test_the_stored_code_opens_to_the_code_given(virtanen):
    teen = Person.objects.get(pk=virtanen.teen.pk)

    assert identity_code_decrypt(teen.identity_code_encrypted) == virtanen.codes["teen"]
    assert teen.has_identity_code


def test_a_person_is_found_by_the_digest_of_the_code_however_typed(virtanen):
    typed = "  " + virtanen.codes["father"].lower()

    found = Person.objects.get(identity_code_digest=identity_code_digest(typed))

    assert found == virtanen.father


def test_one_code_belongs_to_one_person_only(virtanen):
    code = virtanen.codes["mother"]

    with pytest.raises(IntegrityError), transaction.atomic():
        Person.objects.create(
            given_names="Anna",
            family_name="Korhonen",
            date_of_birth=date(1988, 3, 14),
            identity_code_encrypted="another-token",
            identity_code_digest=identity_code_digest(code),
        )


def test_many_people_may_be_without_a_code(identity_keys):
    for name in ("Mira", "Kaarlo"):
        person_make(given_names=name, family_name="Nieminen", date_of_birth=date(2020, 1, 5))

    assert Person.objects.filter(identity_code_digest="").count() == 2
    assert not Person.objects.get(given_names="Mira").has_identity_code


@pytest.mark.parametrize(
    ("encrypted", "digest"), [("a-token", ""), ("", "0" * 64)], ids=["no-digest", "no-token"]
)
def test_a_code_is_stored_with_its_digest_or_not_at_all(encrypted, digest):
    with pytest.raises(IntegrityError), transaction.atomic():
        Person.objects.create(
            given_names="Ville",
            family_name="Mäkinen",
            date_of_birth=date(2019, 8, 1),
            identity_code_encrypted=encrypted,
            identity_code_digest=digest,
        )


def test_names_of_people_and_families_never_show_a_code(virtanen):
    membership = FamilyMember.objects.get(family=virtanen.family, person=virtanen.baby)
    shown = " ".join(
        [str(virtanen.family), str(virtanen.baby), repr(virtanen.baby), str(membership)]
    )

    assert shown.startswith("Virtanen Eino Virtanen")
    assert virtanen.codes["baby"] not in shown
    assert virtanen.baby.identity_code_digest not in shown


def test_ages_are_computed_on_a_given_day(virtanen):
    assert person_age_on(person=virtanen.teen, day=TODAY) == 14
    assert person_age_on(person=virtanen.baby, day=TODAY) == 0
    assert person_age_on(person=virtanen.mother, day=TODAY) == 38


@pytest.mark.parametrize(
    ("born", "day", "age"),
    [
        (date(2012, 6, 20), date(2026, 6, 19), 13),
        (date(2012, 6, 20), date(2026, 6, 20), 14),
        (date(2026, 5, 30), date(2026, 5, 30), 0),
        # Born on a leap day: a year older on 1 March in a common year.
        (date(2008, 2, 29), date(2026, 2, 28), 17),
        (date(2008, 2, 29), date(2026, 3, 1), 18),
        (date(2008, 2, 29), date(2028, 2, 29), 20),
    ],
)
def test_a_birthday_counts_from_the_day_itself(born, day, age):
    assert age_on(date_of_birth=born, day=day) == age


def test_the_family_lists_its_members_with_their_place(virtanen):
    places = {
        member.person.given_names: member.relation
        for member in virtanen.family.members.select_related("person")
    }

    assert places == {
        "Anna Maria": Relation.GUARDIAN,
        "Juha": Relation.GUARDIAN,
        "Liisa": Relation.CHILD,
        "Eino": Relation.CHILD,
    }
    assert set(virtanen.family.persons.all()) == {
        virtanen.mother,
        virtanen.father,
        virtanen.teen,
        virtanen.baby,
    }


def test_a_child_of_separated_parents_belongs_to_both_households(virtanen):
    fathers_new_home = Family.objects.create(
        name="Virtanen (isä)", safety_flag=SafetyFlag.CONTACT_ONLY_BY_PHONE
    )
    FamilyMember.objects.create(
        family=fathers_new_home, person=virtanen.father, relation=Relation.GUARDIAN
    )
    FamilyMember.objects.create(
        family=fathers_new_home,
        person=virtanen.teen,
        relation=Relation.CHILD,
        lives_with_family=False,
    )

    assert set(virtanen.teen.families.all()) == {virtanen.family, fathers_new_home}


def test_a_person_is_in_a_family_once(virtanen):
    with pytest.raises(IntegrityError), transaction.atomic():
        FamilyMember.objects.create(
            family=virtanen.family, person=virtanen.teen, relation=Relation.OTHER_ADULT
        )


def test_a_new_family_has_no_safety_instruction_and_starts_at_version_one(db):
    family = Family.objects.create(name="Korhonen")

    assert family.safety_flag == SafetyFlag.NONE
    assert family.safety_note == ""
    assert family.version == 1


def test_an_unknown_safety_instruction_is_refused_by_the_database(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        Family.objects.create(name="Korhonen", safety_flag="call_whenever")


def test_a_person_in_a_family_cannot_be_deleted_by_accident(virtanen):
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        virtanen.baby.delete()


def test_the_service_network_has_no_road_back_to_client_data(virtanen):
    espoo = Municipality.objects.get(code="049")

    assert virtanen.mother.municipality == espoo
    assert not any(relation.related_model is Person for relation in espoo._meta.related_objects)
    assert not hasattr(espoo, "person_set")


def test_client_data_is_not_in_the_django_admin():
    registered = {model._meta.app_label for model in admin.site._registry}

    assert "clients" not in registered


def test_a_temporary_code_from_the_hospital_is_kept_like_any_other(virtanen):
    # Eino's code came from the maternity hospital (individual number 913).
    assert code_for(date(2026, 5, 30), 913, "B") == virtanen.codes["baby"]
    assert (
        Person.objects.get(identity_code_digest=identity_code_digest(virtanen.codes["baby"]))
        == virtanen.baby
    )
