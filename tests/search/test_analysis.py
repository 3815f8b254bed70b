"""Text analysis: an inflected or compound query meets the words a service is described with."""

from concurrent.futures import ThreadPoolExecutor

import pytest

from perhekeskus.search import analysis
from perhekeskus.search.analysis import MAX_INPUT_CHARS, analyse, voikko_available

needs_voikko = pytest.mark.skipif(
    not voikko_available(),
    reason="libvoikko or its Finnish dictionary is not installed (Debian libvoikko1 voikko-fi, "
    "PyPI libvoikko); `make test` installs them",
)


def shared(first: str, second: str, *, lang: str) -> set[str]:
    return set(analyse(first, lang=lang)) & set(analyse(second, lang=lang))


# --- Finnish ----------------------------------------------------------------------------------


@needs_voikko
@pytest.mark.parametrize("query", ["neuvolaan", "lastenneuvolan", "perheneuvolaan", "Neuvolat"])
def test_a_family_asking_for_a_clinic_in_any_inflection_reaches_neuvola(query: str) -> None:
    assert "neuvola" in analyse(query, lang="fi")


@needs_voikko
def test_a_compound_keeps_its_own_lemma_and_the_lemmas_of_its_parts() -> None:
    assert analyse("lastenneuvolan", lang="fi") == ["lastenneuvola", "lapsi", "neuvola"]
    assert analyse("perheneuvolaan", lang="fi") == ["perheneuvola", "perhe", "neuvola"]


@needs_voikko
def test_kahvila_finds_the_perhekahvila() -> None:
    assert shared("kahvila", "Tervetuloa perhekahvilaan!", lang="fi") == {"kahvila"}


@needs_voikko
def test_derived_compound_parts_are_words_a_family_would_type() -> None:
    terms = analyse("kouluterveydenhoitajalle", lang="fi")
    assert {"kouluterveydenhoitaja", "koulu", "terveys", "hoitaja"} <= set(terms)
    assert {"lastenvalvoja", "lapsi", "valvoja"} <= set(analyse("lastenvalvojalle", lang="fi"))


@needs_voikko
def test_a_place_name_in_a_case_form_meets_its_basic_form() -> None:
    assert shared("Espoon neuvolat", "neuvola Espoo", lang="fi") == {"espoo", "neuvola"}


@needs_voikko
def test_small_words_of_a_question_are_not_terms() -> None:
    assert analyse("Missä on lähin neuvola?", lang="fi") == ["lähin", "neuvola"]


def test_a_typo_still_gives_terms_instead_of_an_error() -> None:
    terms = analyse("nevola", lang="fi")
    assert "nevola" in terms


def test_without_voikko_finnish_inflections_still_meet(monkeypatch: pytest.MonkeyPatch) -> None:
    analysis.clear_caches()
    monkeypatch.setattr(analysis, "_voikko", lambda: None)
    try:
        assert not analysis.voikko_available()
        assert shared("neuvolaan", "neuvola", lang="fi")
        assert shared("neuvolat", "neuvolassa", lang="fi")
        assert "perhekahvila" in analyse("perhekahvila", lang="fi")
    finally:
        analysis.clear_caches()


# --- Swedish and English ----------------------------------------------------------------------


def test_barnradgivningen_and_barnradgivning_share_a_stem() -> None:
    definite = analyse("barnrådgivningen", lang="sv")
    indefinite = analyse("barnrådgivning", lang="sv")
    assert definite == indefinite
    assert analyse("rådgivningen", lang="sv")[0] in definite


def test_a_swedish_compound_is_found_by_its_first_part() -> None:
    assert shared("barn", "Barnrådgivningen i Esbo", lang="sv") == {"barn"}
    assert "familjecentral" in analyse("familjecentralen", lang="sv")


def test_clinics_and_clinic_are_the_same_term() -> None:
    assert analyse("clinics", lang="en") == analyse("clinic", lang="en")
    assert analyse("Where is the nearest clinic?", lang="en") == ["nearest", "clinic"]


# --- Odd input --------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
@pytest.mark.parametrize(
    "text",
    [
        "neuvola 👶🍼 ❤️",
        "'; DROP TABLE network_service; --",
        "neuvola " * 100,
        "x" * 600,
        "",
        "🙂🙂🙂",
        "<script>alert(1)</script>",
        "\u0000\ufeff\u200b",
    ],
)
def test_odd_or_overlong_input_gives_terms_not_an_error(text: str, lang: str) -> None:
    terms = analyse(text, lang=lang)
    assert all(term and term.isalnum() for term in terms)
    assert all(len(term) <= MAX_INPUT_CHARS for term in terms)


def test_emoji_and_punctuation_are_not_part_of_a_word() -> None:
    assert analyse("clinic👶!!!", lang="en") == analyse("clinic", lang="en")
    assert analyse("DROP TABLE; --", lang="en") == analyse("drop table", lang="en")


def test_only_the_first_500_characters_are_analysed() -> None:
    text = "a " * (MAX_INPUT_CHARS // 2) + "clinic"
    assert analyse(text, lang="en") == []


def test_unknown_language_is_analysed_rather_than_refused() -> None:
    assert analyse("clinics", lang="de") == analyse("clinic", lang="en")


# --- Several threads --------------------------------------------------------------------------

WORDS = [
    "neuvolaan",
    "lastenneuvolan",
    "perheneuvolaan",
    "perhekahvilassa",
    "kouluterveydenhoitajalle",
    "puheterapeutille",
    "perhetyöntekijä",
    "kotipalvelua",
    "päivähoitoon",
    "varhaiskasvatukseen",
    "nevola",
    "vauvaperheille",
    "lapsiperheiden",
    "sosiaalityöntekijä",
    "perheneuvoja",
    "äitiysneuvolaan",
]


def test_four_threads_analysing_at_once_get_the_same_terms_as_one() -> None:
    analysis.clear_caches()
    expected = {word: analyse(word, lang="fi") for word in WORDS}
    analysis.clear_caches()

    def analyse_all(offset: int) -> dict[str, list[str]]:
        # Each thread starts at a different word so that they overlap on cold cache entries.
        order = WORDS[offset:] + WORDS[:offset]
        return {word: analyse(word, lang="fi") for word in order * 5}

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(analyse_all, range(4)))
    assert all(result == expected for result in results)
