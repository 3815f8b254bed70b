"""Reads of client data (asiakastiedot).

Only pure helpers that need no access decision live here for now; selectors that read families
and persons take the actor and ask `consent` first, and come with the access layer.
"""

from datetime import date

from perhekeskus.clients.models import Person


def age_on(*, date_of_birth: date, day: date) -> int:
    """Age (ikä) in full years on `day`. Someone born on 29 February turns a year older on
    1 March in a common year. Negative before the date of birth."""
    had_birthday = (day.month, day.day) >= (date_of_birth.month, date_of_birth.day)
    return day.year - date_of_birth.year - (0 if had_birthday else 1)


def person_age_on(*, person: Person, day: date) -> int:
    """The person's age (ikä) in full years on `day`, from the stored date of birth."""
    return age_on(date_of_birth=person.date_of_birth, day=day)
