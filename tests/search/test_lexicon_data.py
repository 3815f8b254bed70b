"""The search lexicon: the words families use, in Finnish, Swedish and English, lead to the
service types that would help them.

A phrase matches a query as in the search engine: one reading of each of the phrase's words is
among the query's terms, a phrase inside a longer one that also matches gives way to it, and a
phrase reached only through a compound's parts is a weak hint. These tests need no database.
"""

import csv
from collections import Counter, defaultdict
from dataclasses import dataclass

import pytest

from perhekeskus.network.reference_data import SERVICE_TYPES_CSV, read_csv
from perhekeskus.search.analysis import (
    DATA_DIR,
    LANGUAGES,
    analyse,
    tokenise,
    voikko_available,
    word_lemmas,
)
from perhekeskus.search.engine import PART_PHRASE_WEIGHT
from perhekeskus.search.lexicon import Lexicon, Phrase, phrase_words

LEXICON_CSV = DATA_DIR / "lexicon.csv"
MIN_PHRASES_PER_TYPE_AND_LANGUAGE = 5

needs_voikko = pytest.mark.skipif(
    not voikko_available(),
    reason="libvoikko or its Finnish dictionary is not installed (Debian libvoikko1 voikko-fi, "
    "PyPI libvoikko); inflected Finnish needs its lemmas",
)


@dataclass(frozen=True)
class Entry:
    line: int
    lang: str
    phrase: str
    types: tuple[str, ...]
    weight: float
    terms: frozenset[str]


def _read_lexicon() -> list[Entry]:
    entries = []
    with open(LEXICON_CSV, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == ["lang", "phrase", "types", "weight"]
        for line, row in enumerate(reader, start=2):
            entries.append(
                Entry(
                    line=line,
                    lang=row["lang"],
                    phrase=row["phrase"],
                    types=tuple(row["types"].split()),
                    weight=float(row["weight"]),
                    terms=frozenset(analyse(row["phrase"], lang=row["lang"])),
                )
            )
    return entries


LEXICON = _read_lexicon()
SERVICE_TYPES = [row["code"] for row in read_csv(SERVICE_TYPES_CSV)]


LEXICONS: dict[str, Lexicon] = {
    lang: Lexicon(
        Phrase(phrase_words(e.phrase, lang=lang), e.types, e.weight, e.phrase)
        for e in LEXICON
        if e.lang == lang
    )
    for lang in LANGUAGES
}


@dataclass(frozen=True)
class Match:
    phrase: Phrase
    strength: float

    @property
    def types(self) -> tuple[str, ...]:
        return self.phrase.types

    @property
    def weight(self) -> float:
        return self.phrase.weight


def matches(query: str, *, lang: str) -> list[Match]:
    """Lexicon phrases a query matches, best first (strongest, then most specific)."""
    readings = {r for token in tokenise(query) for r in word_lemmas(token, lang=lang)}
    found = []
    for phrase, _taken in LEXICONS[lang].matches(analyse(query, lang=lang)):
        whole = phrase.matched_terms(readings) is not None
        found.append(Match(phrase, phrase.weight * (1.0 if whole else PART_PHRASE_WEIGHT)))
    return sorted(found, key=lambda m: (-m.strength, -len(m.phrase.words)))


def suggested_types(query: str, *, lang: str) -> set[str]:
    return {code for entry in matches(query, lang=lang) for code in entry.types}


def best_type(query: str, *, lang: str) -> str | None:
    found = matches(query, lang=lang)
    return found[0].types[0] if found else None


# --- The file is well formed ------------------------------------------------------------------


def test_the_lexicon_has_hundreds_of_phrases_in_every_language() -> None:
    per_language = Counter(entry.lang for entry in LEXICON)
    assert set(per_language) == set(LANGUAGES)
    assert all(count >= 200 for count in per_language.values()), per_language


def test_every_row_has_a_language_a_phrase_with_terms_known_types_and_a_weight() -> None:
    problems = []
    for e in LEXICON:
        if e.lang not in LANGUAGES:
            problems.append(f"line {e.line}: unknown language {e.lang!r}")
        if not e.phrase.strip() or not e.terms:
            problems.append(f"line {e.line}: {e.phrase!r} gives no search terms")
        unknown = [code for code in e.types if code not in SERVICE_TYPES]
        if not e.types or unknown:
            problems.append(f"line {e.line}: {e.phrase!r} has unknown types {unknown or e.types}")
        if len(set(e.types)) != len(e.types):
            problems.append(f"line {e.line}: {e.phrase!r} repeats a type")
        if not 0 < e.weight <= 1:
            problems.append(f"line {e.line}: {e.phrase!r} weight {e.weight} not in (0, 1]")
    assert problems == []


def test_no_phrase_is_listed_twice_in_a_language() -> None:
    seen = Counter((e.lang, e.phrase.casefold().strip()) for e in LEXICON)
    assert [key for key, count in seen.items() if count > 1] == []


def test_phrases_that_analyse_alike_lead_to_the_same_types() -> None:
    # Two spellings the analyser cannot tell apart must not pull a query two ways.
    by_terms: dict[tuple[str, frozenset[str]], set[tuple[str, ...]]] = defaultdict(set)
    for e in LEXICON:
        by_terms[(e.lang, e.terms)].add(e.types)
    assert {key: types for key, types in by_terms.items() if len(types) > 1} == {}


def test_every_service_type_is_the_best_fit_of_several_phrases_in_each_language() -> None:
    first_type = Counter((e.types[0], e.lang) for e in LEXICON)
    thin = {
        (code, lang): first_type[(code, lang)]
        for code in SERVICE_TYPES
        for lang in LANGUAGES
        if first_type[(code, lang)] < MIN_PHRASES_PER_TYPE_AND_LANGUAGE
    }
    assert thin == {}


@pytest.mark.parametrize(
    ("lang", "word"),
    [
        ("fi", "apu"),
        ("fi", "tuki"),
        ("fi", "perhe"),
        ("fi", "lapsi"),
        ("fi", "vanhempi"),
        ("sv", "hjälp"),
        ("sv", "stöd"),
        ("sv", "familj"),
        ("sv", "förälder"),
        ("en", "help"),
        ("en", "support"),
        ("en", "family"),
        ("en", "child"),
        ("en", "parent"),
    ],
)
def test_a_vague_word_alone_is_at_most_a_weak_hint(lang: str, word: str) -> None:
    assert all(entry.weight <= 0.5 for entry in matches(word, lang=lang))


# --- Families' words reach the right service ---------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "query", "expected"),
    [
        ("fi", "lastenvalvoja", "family_law_services"),
        ("fi", "elatusapu", "family_law_services"),
        ("fi", "tapaamisoikeus", "family_law_services"),
        ("fi", "päivähoito", "early_childhood_education"),
        ("fi", "tarha", "early_childhood_education"),
        ("fi", "neuvola", "child_health_clinic"),
        ("fi", "perheneuvola", "family_counselling"),
        ("fi", "kouluterkkari", "school_health_care"),
        ("fi", "hammaslääkäri", "dental_care"),
        ("fi", "lapsilisä", "kela_family_benefits"),
        ("fi", "velka", "financial_counselling"),
        ("fi", "turvakoti", "domestic_violence_services"),
        ("fi", "perhekahvila", "meeting_place"),
        ("fi", "puheterapia", "rehabilitation"),
        ("fi", "kuraattori", "student_welfare"),
        ("fi", "ehkäisy", "sexual_health_clinic"),
        ("fi", "nuorisotalo", "youth_services"),
        ("sv", "dagis", "early_childhood_education"),
        ("sv", "barnrådgivning", "child_health_clinic"),
        ("sv", "mödrarådgivning", "maternity_clinic"),
        ("sv", "barnatillsyningsman", "family_law_services"),
        ("sv", "familjerådgivning", "family_counselling"),
        ("sv", "skolkurator", "student_welfare"),
        ("sv", "barnbidrag", "kela_family_benefits"),
        ("sv", "skyddshem", "domestic_violence_services"),
        ("sv", "talterapi", "rehabilitation"),
        ("sv", "familjecafé", "meeting_place"),
        ("en", "daycare", "early_childhood_education"),
        ("en", "baby clinic", "child_health_clinic"),
        ("en", "child welfare officer", "family_law_services"),
        ("en", "school nurse", "school_health_care"),
        ("en", "dentist", "dental_care"),
        ("en", "maternity package", "kela_family_benefits"),
        ("en", "domestic violence", "domestic_violence_services"),
        ("en", "speech therapy", "rehabilitation"),
        ("en", "toddler group", "meeting_place"),
        ("en", "school counsellor", "student_welfare"),
        ("en", "helpline", "helpline"),
    ],
)
def test_a_service_name_leads_first_to_its_own_type(lang: str, query: str, expected: str) -> None:
    assert best_type(query, lang=lang) == expected


@pytest.mark.parametrize(
    ("lang", "query", "expected"),
    [
        ("fi", "vauva", {"child_health_clinic", "maternity_clinic"}),
        ("fi", "olen raskaana", {"maternity_clinic"}),
        ("fi", "toimeentulotuki", {"kela_family_benefits", "financial_counselling"}),
        ("fi", "avioero", {"separation_support", "family_mediation", "family_law_services"}),
        ("fi", "masennus", {"youth_mental_health", "child_mental_health"}),
        ("fi", "uhmaikä", {"family_counselling"}),
        ("fi", "itsemurha", {"crisis_support", "helpline"}),
        ("fi", "alkoholi", {"substance_use_services"}),
        ("fi", "suomen kielen kurssi", {"immigrant_integration"}),
        ("sv", "skilsmässa", {"separation_support", "family_law_services"}),
        ("sv", "våld i hemmet", {"domestic_violence_services"}),
        ("sv", "ångest", {"youth_mental_health", "child_mental_health"}),
        ("sv", "invandrare", {"immigrant_integration"}),
        ("sv", "FPA", {"kela_family_benefits"}),
        ("en", "pregnant", {"maternity_clinic"}),
        ("en", "custody", {"family_law_services"}),
        ("en", "debt", {"financial_counselling"}),
        ("en", "Finnish lessons", {"immigrant_integration"}),
        ("en", "special needs", {"disability_services"}),
        ("en", "drugs", {"substance_use_services"}),
    ],
)
def test_a_need_or_situation_suggests_the_services_that_help(
    lang: str, query: str, expected: set[str]
) -> None:
    assert expected <= suggested_types(query, lang=lang)


@needs_voikko
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("lastenvalvojalle", "family_law_services"),
        ("päiväkotiin", "early_childhood_education"),
        ("tarhaan", "early_childhood_education"),
        ("perheneuvolaan", "family_counselling"),
        ("huoltajuudesta", "family_law_services"),
        ("velkoja ja rahahuolia", "financial_counselling"),
        ("lähisuhdeväkivallasta", "domestic_violence_services"),
        ("puheterapeutille", "rehabilitation"),
        ("koulukuraattorille", "student_welfare"),
        ("vertaistukiryhmään", "peer_support"),
        ("suomen kieli", "immigrant_integration"),
        ("odotan vauvaa", "maternity_clinic"),
        ("rahat eivät riitä", "financial_counselling"),
    ],
)
def test_an_inflected_finnish_query_meets_the_same_phrase(query: str, expected: str) -> None:
    assert best_type(query, lang="fi") == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("barnrådgivningen", "child_health_clinic"),
        ("skilsmässan", "separation_support"),
        ("förskolan", "early_childhood_education"),
        ("skyddshemmet", "domestic_violence_services"),
        ("kuratorn", "student_welfare"),
    ],
)
def test_a_swedish_definite_form_meets_the_same_service(query: str, expected: str) -> None:
    assert best_type(query, lang="sv") == expected


# --- A family's situation, in their own words, reaches the services that help --------------------


@needs_voikko
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("mieheni lyö minua", "domestic_violence_services"),
        ("mieheni on lyönyt minua", "domestic_violence_services"),
        ("pelkään miestäni", "domestic_violence_services"),
        ("pelkään mennä kotiin", "domestic_violence_services"),
        ("lapsi lyö kavereita", "family_counselling"),
        ("riitelemme jatkuvasti", "couple_relationship_support"),
        ("olen ihan uupunut", "home_help"),
        ("vauva heräilee öisin", "child_health_clinic"),
        ("vuokra on maksamatta", "financial_counselling"),
        ("ei ole varaa ruokaan", "financial_counselling"),
        ("perintätoimisto soittelee", "financial_counselling"),
        ("tytär viiltelee", "youth_mental_health"),
        ("haluan tappaa itseni", "crisis_support"),
        ("poikaani kiusataan", "student_welfare"),
        ("lapsi ei halua mennä kouluun", "student_welfare"),
        ("lapsi ei puhu vielä", "rehabilitation"),
        ("isä juo liikaa", "substance_use_services"),
        ("äiti kuoli", "crisis_support"),
        ("imettäminen sattuu", "child_health_clinic"),
        ("yksinäinen äiti", "meeting_place"),
        ("jäin työttömäksi", "kela_family_benefits"),
        ("tyttäremme karkasi", "child_protection"),
        ("tarvitsen lastenvahdin", "home_help"),
        ("haluaisin jutella jonkun kanssa", "helpline"),
        ("vahinkoraskaus", "sexual_health_clinic"),
    ],
)
def test_a_finnish_situation_leads_first_to_the_service_that_helps(
    query: str, expected: str
) -> None:
    assert best_type(query, lang="fi") == expected


@pytest.mark.parametrize(
    ("lang", "query", "expected"),
    [
        ("sv", "min man slår mig", "domestic_violence_services"),
        ("sv", "jag är rädd hemma", "domestic_violence_services"),
        ("sv", "slår andra barn på dagis", "early_childhood_education"),
        ("sv", "bebisen sover inte", "child_health_clinic"),
        ("sv", "kan inte betala hyran", "financial_counselling"),
        ("sv", "pengarna räcker inte till mat", "financial_counselling"),
        ("sv", "kronofogden", "financial_counselling"),
        ("sv", "min tonåring mår dåligt", "youth_mental_health"),
        ("sv", "jag vill dö", "crisis_support"),
        ("sv", "vill inte gå i skolan", "student_welfare"),
        ("sv", "pappa dricker för mycket", "substance_use_services"),
        ("sv", "tillfällig barnvakt", "home_help"),
        ("sv", "jag vill prata med någon", "helpline"),
        ("en", "my husband hits me", "domestic_violence_services"),
        ("en", "scared of my husband", "domestic_violence_services"),
        ("en", "baby won't sleep", "child_health_clinic"),
        ("en", "we argue all the time", "couple_relationship_support"),
        ("en", "can't pay rent", "financial_counselling"),
        ("en", "debt collector", "financial_counselling"),
        ("en", "my daughter is cutting herself", "youth_mental_health"),
        ("en", "I want to die", "crisis_support"),
        ("en", "refuses to go to school", "student_welfare"),
        ("en", "my toddler is not talking yet", "rehabilitation"),
        ("en", "my dad drinks too much", "substance_use_services"),
        ("en", "my mother passed away", "crisis_support"),
        ("en", "lonely new mum", "meeting_place"),
        ("en", "my teenager ran away", "child_protection"),
        ("en", "lost my job", "kela_family_benefits"),
        ("en", "I need to talk to someone", "helpline"),
        ("en", "expecting twins", "maternity_clinic"),
    ],
)
def test_a_situation_leads_first_to_the_service_that_helps(
    lang: str, query: str, expected: str
) -> None:
    assert best_type(query, lang=lang) == expected


@pytest.mark.parametrize(
    ("lang", "query", "expected"),
    [
        # Hitting: by a partner it is violence, by a child among friends it is behaviour.
        ("sv", "slår andra barn på dagis", {"family_counselling"}),
        ("en", "hits other kids at daycare", {"family_counselling", "early_childhood_education"}),
        ("en", "no money for food", {"financial_counselling", "family_social_work"}),
        ("sv", "gratis fritidsaktiviteter", {"culture_and_leisure"}),
        ("en", "free activities for kids", {"culture_and_leisure"}),
        ("en", "postnatal depression and lonely", {"maternity_clinic", "peer_support"}),
    ],
)
def test_a_situation_suggests_every_service_that_helps(
    lang: str, query: str, expected: set[str]
) -> None:
    assert expected <= suggested_types(query, lang=lang)


@pytest.mark.parametrize(
    ("lang", "word"),
    [("fi", "pelkään"), ("sv", "rädd"), ("en", "scared"), ("fi", "koulu"), ("en", "school")],
)
def test_a_word_that_says_little_on_its_own_is_a_weak_hint(lang: str, word: str) -> None:
    if lang == "fi" and not voikko_available():
        pytest.skip("inflected Finnish needs voikko")
    assert all(match.weight <= 0.5 for match in matches(word, lang=lang))
