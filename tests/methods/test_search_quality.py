"""Searching the method catalogue in Finnish as well as the family channel searches services:
inflected forms meet their lemma, compounds meet their parts, a typo finds the method it
meant, and Swedish and English names are found on their own pages."""

import pytest

from perhekeskus.methods.search import search_text
from perhekeskus.search.analysis import voikko_available

pytestmark = pytest.mark.django_db


def codes(text: str, lang: str = "fi") -> list[str]:
    from perhekeskus.methods.models import Method

    names = dict(Method.objects.values_list("pk", "code"))
    return [names[match.pk] for match in search_text(text, lang=lang).matches]


@pytest.fixture(autouse=True)
def _voikko():
    if not voikko_available():
        pytest.fail("libvoikko with the Finnish dictionary is needed: apt-get install voikko-fi")


def test_lasten_puheeksiotto_finds_lapset_puheeksi_first(catalogue):
    # "lasten" is "lapsi" inflected; "puheeksiotto", unknown to the dictionary, is
    # "puheeksi" (as in the method's name) + "otto".
    assert codes("lasten puheeksiotto")[0] == "lapset-puheeksi"
    result = search_text("lasten puheeksiotto", lang="fi")
    assert result.corrections == {"puheeksiotto": "puheeksi otto"}


@pytest.mark.parametrize(
    "query, code",
    [
        ("ihmeellisten vuosien ryhmä", "ihmeelliset-vuodet"),
        ("voimaperheisiin", "voimaperheet"),
        ("neuvokkaan perheen", "neuvokas-perhe"),
        ("vanhemmuuteen vahvuutta", "vahvuutta-vanhemmuuteen"),
        ("perhekoulussa", "perhekoulu-pop"),
    ],
)
def test_inflected_forms_meet_the_methods_name(catalogue, query, code):
    assert codes(query)[0] == code


def test_a_compound_finds_the_methods_that_use_its_parts(catalogue):
    # "vanhemmuusryhmä" is not written anywhere; its parts "vanhemmuus" and "ryhmä" are.
    found = codes("vanhemmuusryhmä")
    assert "vahvuutta-vanhemmuuteen" in found
    # And a part of a compound the catalogue writes is found by itself.
    assert "voimaperheet" in codes("voima")


def test_a_word_of_the_aim_finds_the_method(catalogue):
    found = codes("käytösongelmat")
    assert set(found[:3]) >= {"voimaperheet", "ihmeelliset-vuodet"}
    assert "neuvokas-perhe" not in found


@pytest.mark.parametrize(
    "typo, code, read_as",
    [
        ("theraply", "theraplay", "theraplay"),
        ("ihmeeliset vuodet", "ihmeelliset-vuodet", "ihmeelliset"),
        ("voimapreheet", "voimaperheet", "voimaperheet"),
    ],
)
def test_a_typo_finds_the_method_it_meant(catalogue, typo, code, read_as):
    result = search_text(typo, lang="fi")
    assert codes(typo)[0] == code
    assert read_as in result.corrections.values()


def test_swedish_and_english_names_are_found_on_their_pages(catalogue):
    assert codes("otroliga åren", lang="sv")[0] == "ihmeelliset-vuodet"
    assert codes("Let's talk about children", lang="en")[0] == "lapset-puheeksi"
    # A Finnish name typed on the Swedish pages is read in Finnish.
    assert codes("lapset puheeksi", lang="sv")[0] == "lapset-puheeksi"


def test_words_no_method_mentions_find_nothing_rather_than_everything(catalogue):
    result = search_text("lentokone", lang="fi")
    assert result.matches == ()
    assert result.unknown == ("lentokone",)
    assert search_text("!!! ???", lang="fi").matches == ()


def test_a_changed_method_is_found_by_its_new_words_at_once(catalogue):
    method = catalogue["theraplay"]
    assert codes("sateenkaari") == []
    method.other_names_fi = "sateenkaari"
    method.save()
    assert codes("sateenkaaren")[0] == "theraplay"
