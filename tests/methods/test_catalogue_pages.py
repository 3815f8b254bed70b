"""The catalogue as professionals use it: Aino, a public health nurse in Espoo, finds a method
by Finnish words, narrows the list with filters, and opens a method to see who in her area is
trained in it (Hanna at the family café) and who elsewhere (Kalle in Vantaa)."""

import pytest
from django.contrib.auth.models import User
from django.test import Client

from tests.families.html import parse
from tests.methods.conftest import as_
from tests.personas import PASSWORD

pytestmark = pytest.mark.django_db

CATALOGUE = "/{lang}/workspace/methods/"


def catalogue_url(lang: str = "fi") -> str:
    return CATALOGUE.format(lang=lang)


def detail_url(code: str, lang: str = "fi") -> str:
    return f"{catalogue_url(lang)}{code}/"


def hit_codes(response) -> list[str]:
    return [hit.get("data-code") for hit in parse(response).by_testid("method-hit")]


def test_aino_finds_lapset_puheeksi_with_an_inflected_compound_query(trained):
    aino = as_(trained.aino)
    response = aino.get(catalogue_url(), {"q": "lasten puheeksiotto"})
    assert response.status_code == 200
    page = parse(response)
    assert hit_codes(response)[0] == "lapset-puheeksi"
    [first, *_rest] = page.by_testid("method-hit")
    # Hanna in Espoo is near; Kalle in Vantaa is not counted.
    assert "1 koulutettu lähelläsi" in first.one("trained-near").text
    assert "puheeksi otto" in page.one("corrections").text


def test_without_words_the_whole_catalogue_is_listed_by_name(trained):
    response = as_(trained.aino).get(catalogue_url())
    codes = hit_codes(response)
    assert len(codes) == len(trained.catalogue)
    assert codes[0] == "beardsleen-perheinterventio"


@pytest.mark.parametrize(
    "filters, expected",
    [
        ({"trained": "area"}, {"lapset-puheeksi", "vahvuutta-vanhemmuuteen"}),
        ({"delivery": "online"}, {"voimaperheet"}),
        ({"evidence": "strong"}, {"voimaperheet"}),
        ({"age": "pregnancy"}, {"lapset-puheeksi", "vahvuutta-vanhemmuuteen", "neuvokas-perhe"}),
        (
            {"service_type": "maternity_clinic"},
            {"lapset-puheeksi", "vahvuutta-vanhemmuuteen", "neuvokas-perhe"},
        ),
        ({"q": "ryhmä", "age": "4", "delivery": "group"}, {"ihmeelliset-vuodet", "perhekoulu-pop"}),
    ],
)
def test_filters_narrow_the_list(trained, filters, expected):
    response = as_(trained.aino).get(catalogue_url(), filters)
    assert response.status_code == 200
    found = set(hit_codes(response))
    assert expected <= found
    if "q" not in filters:
        assert found == expected


def test_trained_in_my_organisation_counts_the_organisation_as_a_whole(trained):
    # Hanna's NGO runs Vahvuutta vanhemmuuteen groups; she herself knows Lapset puheeksi.
    # Her expired Ihmeelliset vuodet certificate does not count.
    response = as_(trained.hanna).get(catalogue_url(), {"trained": "organisation"})
    assert set(hit_codes(response)) == {"lapset-puheeksi", "vahvuutta-vanhemmuuteen"}


def test_a_filter_out_of_its_choices_is_refused_in_the_users_language(trained):
    response = as_(trained.aino).get(catalogue_url("sv"), {"delivery": "telepathy"})
    assert response.status_code == 400
    assert "telepathy" in parse(response).one("error-summary").text
    assert "Kontrollera" in parse(response).one("error-summary").text


def test_the_method_page_shows_who_in_the_area_is_trained(trained):
    aino = as_(trained.aino)
    page = parse(aino.get(detail_url("lapset-puheeksi")))
    assert page.one("method-name").text == "Lapset puheeksi"
    trained_here = page.one("trained").text
    assert "Hanna Harju" in trained_here
    assert "Perhekahvila Kuplan tuki ry" in trained_here
    assert "Kalle" not in trained_here
    assert page.one("near")
    # Kalle's county is elsewhere: one link away.
    assert "1 organisaatio muualla" in page.one("show-everywhere").text

    everywhere = parse(aino.get(detail_url("lapset-puheeksi"), {"everywhere": "1"}))
    organisations = everywhere.by_testid("trained-organisation")
    # The area first.
    assert [o.get("data-organisation") for o in organisations] == [
        str(trained.network.ngo.pk),
        str(trained.network.vantaa_org.pk),
    ]
    assert "Kalle Koski" in everywhere.one("trained").text
    assert "LP-keskustelu" in everywhere.one("trained").text


def test_an_organisation_trained_as_a_whole_is_shown_without_names(trained):
    page = parse(as_(trained.aino).get(detail_url("vahvuutta-vanhemmuuteen")))
    [organisation] = page.by_testid("trained-organisation")
    assert "Perhekahvila Kuplan tuki ry" in organisation.text
    assert "Organisaation tiimi on koulutettu" in organisation.text
    assert organisation.by_testid("trained-person") == []


def test_an_expired_certificate_is_nobody_trained(trained):
    page = parse(as_(trained.aino).get(detail_url("ihmeelliset-vuodet"), {"everywhere": "1"}))
    assert page.one("nobody-trained")


def test_the_evidence_is_shown_with_its_source_and_date(trained):
    aino = as_(trained.aino)
    rated = parse(aino.get(detail_url("voimaperheet")))
    assert "Vahvaa näyttöä vaikuttavuudesta" in rated.one("evidence-level").text
    assert "5/5" in rated.one("evidence").text
    assert "Kasvun tuki (Itla)" in rated.one("evidence").text
    assert rated.one("evidence-source").get("href") == "https://itla.fi/?p=19166"
    not_rated = parse(aino.get(detail_url("theraplay")))
    assert "Ei arvioitu" in not_rated.one("evidence-level").text
    assert not_rated.one("evidence-source").get("href") == "https://kasvuntuki.fi/"


def test_the_swedish_page_speaks_swedish(trained):
    response = as_(trained.aino).get(catalogue_url("sv"), {"q": "otroliga åren"})
    assert hit_codes(response)[0] == "ihmeelliset-vuodet"
    page = parse(as_(trained.aino).get(detail_url("ihmeelliset-vuodet", "sv")))
    assert page.one("method-name").text == "De otroliga åren (Ihmeelliset vuodet)"
    assert "Ingen i ditt område" in page.one("nobody-trained").text


def test_an_unknown_method_is_not_found(trained):
    assert as_(trained.aino).get(detail_url("no-such-method")).status_code == 404


# --- Only professionals at work ---------------------------------------------------------------


@pytest.mark.parametrize("path", ["", "lapset-puheeksi/", "lapset-puheeksi/refer/", "training/"])
def test_an_anonymous_visitor_is_sent_to_the_login(trained, path):
    response = Client().get(catalogue_url() + path)
    assert response.status_code == 302
    assert response["Location"].startswith("/fi/staff/login/")


def test_a_password_without_the_second_factor_is_not_enough(trained):
    client = Client()
    client.force_login(trained.aino.user)
    response = client.get(detail_url("lapset-puheeksi"))
    assert response.status_code == 302
    assert "Hanna" not in response.content.decode()


def test_a_user_without_a_professional_account_is_refused(trained):
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = User.objects.create_user("vieras", password=PASSWORD)
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    assert client.get(detail_url("lapset-puheeksi")).status_code == 403
