"""The personal identity code (henkilötunnus): what is accepted, and what a professional is told
when a code cannot be right, in Finnish, Swedish and English."""

from datetime import date

import pytest
from django.utils import translation

from perhekeskus.clients.identity import IdentityCode, identity_code_parse
from perhekeskus.errors import InvalidInput
from tests.clients.codes import OFFICIAL_EXAMPLE, code_for

# Someone born on each day below, with each century sign the 2023 reform allows.
EVERY_SIGN = [
    (date(1895, 2, 28), "+"),
    *[(date(1994, 5, 1), sign) for sign in "-YXWVU"],
    *[(date(2005, 5, 2), sign) for sign in "ABCDEF"],
]


def test_the_agencys_example_reads_as_13_october_1952():
    parsed = identity_code_parse(OFFICIAL_EXAMPLE)

    assert parsed == IdentityCode(
        code="131052-308T", date_of_birth=date(1952, 10, 13), temporary=False
    )


@pytest.mark.parametrize(("born", "sign"), EVERY_SIGN, ids=lambda value: str(value))
def test_every_century_sign_gives_the_right_century(born, sign):
    code = code_for(born, 123, sign)

    parsed = identity_code_parse(code)

    assert parsed.date_of_birth == born
    assert parsed.code == code
    assert not parsed.temporary


def test_codes_of_the_new_signs_known_by_heart_are_checked_not_trusted():
    # 010594Y9021 is right; the 2000s example remembered as 020505A987Y is not: its nine digits
    # give E, so a professional who types Y is told to look again.
    assert identity_code_parse("010594Y9021").date_of_birth == date(1994, 5, 1)
    assert code_for(date(2005, 5, 2), 987, "A") == "020505A987E"
    with pytest.raises(InvalidInput):
        identity_code_parse("020505A987Y")


def test_lower_case_and_surrounding_spaces_are_accepted_and_normalised():
    parsed = identity_code_parse("  010594y9021\n")

    assert parsed.code == "010594Y9021"


def test_a_sign_is_part_of_the_code_so_two_signs_are_two_people():
    minus, y = identity_code_parse("010594-9021"), identity_code_parse("010594Y9021")

    assert minus.date_of_birth == y.date_of_birth
    assert minus.code != y.code


@pytest.mark.parametrize(
    ("individual", "temporary"), [(2, False), (899, False), (900, True), (999, True)]
)
def test_individual_numbers_from_900_are_temporary_codes(individual, temporary):
    parsed = identity_code_parse(code_for(date(2026, 5, 30), individual, "A"))

    assert parsed.temporary is temporary


def test_a_code_born_today_is_accepted_and_tomorrow_is_not():
    today = date(2026, 10, 1)
    born_today = code_for(today, 402, "A")
    born_tomorrow = code_for(date(2026, 10, 2), 402, "A")

    assert identity_code_parse(born_today, today=today).date_of_birth == today
    with pytest.raises(InvalidInput):
        identity_code_parse(born_tomorrow, today=today)


def test_the_representation_never_shows_the_code():
    parsed = identity_code_parse(OFFICIAL_EXAMPLE)

    assert OFFICIAL_EXAMPLE not in repr(parsed)
    assert "308" not in repr(parsed)


WRONG = {
    "format": [
        "",
        "131052308T",
        "131052-308TT",
        "1310 52-308T",
        "13105x-308T",
        "131052-3O8T",
        "١٣١٠٥٢-308T",  # Arabic-Indic digits, which int() would read
    ],
    "century_sign": ["131052G308T", "131052/308T", "131052Z308T"],
    "date": [
        code_for(date(1952, 10, 13), 308).replace("1310", "3102"),
        "290201A1239",
        "001052-3089",
    ],
    "individual_number": ["131052-000C", "131052-001D"],
    "check_character": ["131052-308U", "131052-308I", "131052-308Z"],
    "future": [code_for(date(2099, 1, 1), 123, "A")],
}
MESSAGES = {
    "format": (
        "Henkilötunnuksessa on 11 merkkiä muodossa PPKKVVSNNNT, esimerkiksi 131052-308T.",
        "En personbeteckning har 11 tecken i formen DDMMÅÅSNNNK, till exempel 131052-308T.",
        "A personal identity code has 11 characters in the form DDMMYYCZZZQ, "
        "for example 131052-308T.",
    ),
    "century_sign": (
        "Henkilötunnuksen seitsemännen merkin (välimerkin) on oltava jokin seuraavista: "
        "+ - Y X W V U A B C D E F.",
        "Det sjunde tecknet (skiljetecknet) i en personbeteckning ska vara något av "
        "+ - Y X W V U A B C D E F.",
        "The seventh character of a personal identity code must be one of + - Y X W V U "
        "A B C D E F.",
    ),
    "date": (
        "Henkilötunnuksen kuusi ensimmäistä numeroa eivät ole todellinen päivämäärä.",
        "De sex första siffrorna i personbeteckningen är inte ett verkligt datum.",
        "The first six digits of the personal identity code are not a real date.",
    ),
    "individual_number": (
        "Henkilötunnuksen yksilönumero (merkit 8–10) on vähintään 002.",
        "Individnumret (tecknen 8–10) i en personbeteckning är minst 002.",
        "The individual number (characters 8–10) of a personal identity code is at least 002.",
    ),
    "check_character": (
        "Henkilötunnuksen viimeinen merkki (tarkistusmerkki) ei täsmää muihin. "
        "Tarkista, onko tunnuksessa kirjoitusvirhe.",
        "Det sista tecknet (kontrolltecknet) i personbeteckningen stämmer inte med de andra. "
        "Kontrollera om beteckningen har ett skrivfel.",
        "The last character of the personal identity code does not match the others. "
        "Check the code for typing errors.",
    ),
    "future": (
        "Henkilötunnuksen syntymäaika on tulevaisuudessa.",
        "Födelsedatumet i personbeteckningen ligger i framtiden.",
        "The date of birth in the personal identity code is in the future.",
    ),
}


@pytest.mark.parametrize(
    ("reason", "code"),
    [(reason, code) for reason, codes in WRONG.items() for code in codes],
)
def test_each_wrong_code_is_refused_for_its_own_reason(reason, code):
    with pytest.raises(InvalidInput) as refused:
        identity_code_parse(code)

    assert refused.value.reason == reason
    assert refused.value.code == "invalid"
    assert refused.value.status == 400


@pytest.mark.parametrize("reason", list(MESSAGES))
@pytest.mark.parametrize(("language", "index"), [("fi", 0), ("sv", 1), ("en", 2)])
def test_the_professional_is_told_what_is_wrong_in_their_language(reason, language, index):
    with translation.override(language):
        with pytest.raises(InvalidInput) as refused:
            identity_code_parse(WRONG[reason][0])
        body = refused.value.as_dict()

    assert body["message"] == MESSAGES[reason][index]
    assert body["details"] == {"identity_code": MESSAGES[reason][index]}


@pytest.mark.parametrize("code", [codes[-1] for codes in WRONG.values()])
def test_the_refusal_never_repeats_the_code(code):
    with pytest.raises(InvalidInput) as refused:
        identity_code_parse(code)

    said = f"{refused.value} {refused.value.as_dict()} {refused.value!r}"
    assert code.strip().upper() not in said.upper()
