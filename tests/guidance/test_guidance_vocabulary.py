"""Families and young people write as they speak: spoken Finnish, slang, a young person's own
life, several needs at once. These situations were written for these tests (not taken from
bench/queries/guidance.csv); each names kinds of help any of which is right among the three
first, and whether it shows urgent danger. Lookalikes check that ordinary worries stay
ordinary: a father who fell ill is no violent father, a baby who choked on food is no attack.
"""

import pytest

from perhekeskus.guidance.engine import guidance_reset, guide
from perhekeskus.guidance.spoken import standardise
from perhekeskus.guidance.voice import young_voice

pytestmark = pytest.mark.django_db

YOUNG_HELP = {
    "youth_services",
    "youth_mental_health",
    "school_health_care",
    "student_welfare",
    "helpline",
}
FOOD_HELP = {"family_social_work", "financial_counselling"}
PROTECTION = {"child_protection", "domestic_violence_services", "crisis_support"}


@pytest.fixture(autouse=True)
def _fresh_vocabulary():
    guidance_reset()
    yield
    guidance_reset()


def top_three(text: str, lang: str, **options) -> set[str]:
    return {match.code for match in guide(text, lang, **options).service_types[:3]}


# --- Spoken language and slang ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "standard"),
    [
        ("fi", "mä oon ihan poikki", "minä olen ihan poikki"),
        ("fi", "faija on juonu taas", "isä on juonut taas"),
        ("fi", "mut heitettii pihalle enkä tiiä minne mennä yöks", None),
        ("fi", "meil ei oo rahaa", "meillä ei ole rahaa"),
        ("fi", "murkkutyttö ei syö", "murkku tyttö ei syö"),
        ("sv", "farsan är packad igen", "pappa är full igen"),
        ("sv", "behöver dagisplats", "behöver daghem plats"),
        ("en", "my gf dumped me", "my girlfriend dumped me"),
    ],
)
def test_spoken_forms_are_read_in_their_standard_forms(lang, text, standard):
    read = standardise(text, lang, known={"murkku"})  # a word of the needs vocabulary
    if standard is None:
        assert "heitettiin" in read and "tiedä" in read and "yöksi" in read
    else:
        assert read == standard


@pytest.mark.parametrize(
    ("lang", "text", "young"),
    [
        ("fi", "isä lyö mua kun se on kännissä", True),
        ("fi", "pikkuveli itkee ja äiti on aina poissa", True),
        ("fi", "oon raskaana ja vasta 15", True),
        ("fi", "mieheni lyö minua", False),
        ("fi", "olen uupunut äiti", False),
        ("sv", "mina föräldrar kastade ut mig", True),
        ("sv", "min son blir mobbad i skolan", False),
        ("en", "i take care of my baby brother when mum drinks", True),
        ("en", "big brother is jealous of the baby", False),
        ("en", "my kid is bullied at school", False),
    ],
)
def test_a_young_person_writing_about_their_own_life_is_told_apart(lang, text, young):
    assert young_voice(text, standardise(text, lang), lang) is young


# --- Young people's own words -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "right"),
    [
        ("fi", "kukaan luokalla ei oo mun kaveri", YOUNG_HELP),
        ("fi", "mun gimma jätti mut ja kaikki tuntuu ihan paskalta", YOUNG_HELP),
        ("fi", "mietin oonko homo", YOUNG_HELP),
        ("fi", "kaverit painostaa veippaamaan", YOUNG_HELP | {"substance_use_services"}),
        ("fi", "pelkään et oon raskaana ja oon vast 16", {"sexual_health_clinic"}),
        ("sv", "har inga polare och är ensam på rasterna", YOUNG_HELP),
        ("sv", "pojkvännen dumpade mig och jag mår skit", YOUNG_HELP),
        ("en", "nobody in my class talks to me", YOUNG_HELP),
        ("en", "i think im trans and my parents dont know", YOUNG_HELP),
        ("en", "my friends keep pressuring me to vape", YOUNG_HELP | {"substance_use_services"}),
    ],
)
def test_a_young_persons_worry_leads_to_help_for_young_people(lang, text, right):
    result = guide(text, lang)

    assert {match.code for match in result.service_types[:3]} & right
    assert not result.urgent
    assert "parenting_support" not in {match.code for match in result.service_types[:2]}


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fi", "faija hakkaa mua aina ku se on juonu"),
        ("fi", "äitin uus mies käy mun kimppuun"),
        ("fi", "vanhemmat heitti mut ulos eikä oo yöpaikkaa"),
        ("fi", "äiti ryyppää ja mä joudun hoitaa pikkuveljee"),
        ("sv", "styvfarsan slår mig"),
        ("sv", "morsan super och jag tar hand om lillasyster"),
        ("en", "my stepdad hits me"),
        ("en", "got kicked out of home and have nowhere to sleep"),
    ],
)
def test_a_young_person_in_danger_at_home_sees_emergency_help_and_protection(lang, text):
    result = guide(text, lang)

    assert result.urgent
    assert result.urgent_help[0].phone == "112"
    assert {match.code for match in result.service_types[:3]} & PROTECTION


# --- Urgent danger, and what only looks like it ------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fi", "ex uhkailee ja vainoaa mua viesteillä"),
        ("fi", "puoliso tönäisi mua ja pelkään mennä kotiin"),
        ("fi", "pelkään että ravistan vauvaa kun se huutaa"),
        ("fi", "ei oo mitään syytä elää enää"),
        ("sv", "sambon knuffade mig och hotar mig"),
        ("sv", "jag är rädd att jag skadar bebisen"),
        ("en", "my husband shoved me and threatened to take the kids"),
        ("en", "an adult keeps asking me for nudes"),
    ],
)
def test_signs_of_danger_in_everyday_words_show_emergency_help(lang, text):
    assert guide(text, lang).urgent


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fi", "isä sairastui vakavasti ja lapset pelkää"),
        ("fi", "heitin roskat ulos ja vauva heräsi"),
        ("fi", "vauva kuristui melkein ruokaan"),
        ("fi", "tarvitsen paikan mihin mennä vauvan kanssa päivisin"),
        ("fi", "lapsi lyö minua kun suuttuu"),
        ("sv", "bebisen satte i halsen"),
        ("sv", "pappa blev sjuk och barnen är rädda"),
        # Bare "the baby choked on some food" may be happening now, and the meaning reads it
        # as danger (a choking baby is a 112 call); told as over, it is calm.
        ("en", "the baby choked on some food but coughed it out and is fine"),
        ("en", "is it a boy or a girl, we want to know before the birth"),
        ("en", "our toddler hits other kids at daycare"),
    ],
)
def test_ordinary_worries_that_share_words_with_danger_are_not_urgent(lang, text):
    result = guide(text, lang)

    assert not result.urgent
    assert result.urgent_help == ()


# --- Parents' everyday words ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "right", "ages"),
    [
        ("fi", "rahat loppuu aina kesken kuun", {"financial_counselling"}, ()),
        ("fi", "meil ei oo ruokaa huomiseks", FOOD_HELP, ()),
        ("fi", "ukko lähti ja pitäis sopia lasten asumisesta", {"family_law_services"}, ()),
        ("fi", "teini ei syö juuri mitään ja laihtuu", {"youth_mental_health"}, ()),
        ("fi", "kuusvuotias kastelee yöllä", {"child_health_clinic"}, (72,)),
        ("sv", "vi har ingen mat till imorgon", FOOD_HELP, ()),
        ("sv", "tonårsdottern äter nästan ingenting", {"youth_mental_health"}, ()),
        ("en", "we run out of money before payday", {"financial_counselling"}, ()),
        ("en", "my 6 year old still wets the bed", {"child_health_clinic"}, (72,)),
    ],
)
def test_a_parents_everyday_words_lead_to_fitting_help(lang, text, right, ages):
    assert top_three(text, lang, ages=ages) & right
