"""The Virtanen family: two guardians, a 14-year-old and a baby, in Espoo.

Client data has no services yet (they come with the access layer), so the rows are made here
the way those services will make them: the code encrypted, with its digest beside it."""

from dataclasses import dataclass
from datetime import date

from perhekeskus.clients.identity import identity_code_digest, identity_code_encrypt
from perhekeskus.clients.models import Family, FamilyMember, Person, Relation
from perhekeskus.network.models import Municipality
from tests.clients.codes import code_for

# The day the tests look at the family from: Liisa is 14, Eino four months old.
TODAY = date(2026, 10, 1)


@dataclass
class Virtanen:
    family: Family
    mother: Person
    father: Person
    teen: Person
    baby: Person
    codes: dict[str, str]


def person_make(*, identity_code: str = "", **fields) -> Person:
    """A person saved as the client services will save one: never the plain code."""
    if identity_code:
        fields["identity_code_encrypted"] = identity_code_encrypt(identity_code)
        fields["identity_code_digest"] = identity_code_digest(identity_code)
    person = Person(**fields)
    person.full_clean()
    person.save()
    return person


def virtanen_build() -> Virtanen:
    espoo = Municipality.objects.get(code="049")
    codes = {
        "mother": code_for(date(1988, 3, 14), 246),
        "father": code_for(date(1986, 11, 2), 135, "Y"),
        "teen": code_for(date(2012, 6, 20), 482),
        "baby": code_for(date(2026, 5, 30), 913, "B"),  # a temporary code from the hospital
    }
    address = {
        "street_address": "Kuusikuja 3 B 12",
        "postal_code": "02600",
        "post_office": "Espoo",
        "municipality": espoo,
    }
    mother = person_make(
        given_names="Anna Maria",
        family_name="Virtanen",
        date_of_birth=date(1988, 3, 14),
        identity_code=codes["mother"],
        phone="040 111 2233",
        **address,
    )
    father = person_make(
        given_names="Juha",
        family_name="Virtanen",
        date_of_birth=date(1986, 11, 2),
        identity_code=codes["father"],
        **address,
    )
    teen = person_make(
        given_names="Liisa",
        family_name="Virtanen",
        date_of_birth=date(2012, 6, 20),
        identity_code=codes["teen"],
        **address,
    )
    baby = person_make(
        given_names="Eino",
        family_name="Virtanen",
        date_of_birth=date(2026, 5, 30),
        identity_code=codes["baby"],
        **address,
    )
    family = Family.objects.create(name="Virtanen")
    for person, relation in [
        (mother, Relation.GUARDIAN),
        (father, Relation.GUARDIAN),
        (teen, Relation.CHILD),
        (baby, Relation.CHILD),
    ]:
        FamilyMember.objects.create(family=family, person=person, relation=relation)
    return Virtanen(family, mother, father, teen, baby, codes)
