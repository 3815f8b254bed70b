"""A family opens a meeting place's programme (viikko-ohjelma) and plans its week."""

from uuid import uuid4

import pytest
from django.urls import reverse
from django.utils import translation

from tests.programme.conftest import (
    CAFE_TUESDAY,
    CANCELLED_TUESDAY,
    CLOSED_TUESDAY,
    ORDINARY_WEEK_DAY,
    Programme,
)
from tests.programme.helpers import day_section, text

pytestmark = pytest.mark.django_db


def site_calendar(client, programme: Programme, lang: str = "fi", **params):
    return client.get(f"/{lang}/sites/{programme.network.meeting_place.hsds_id}/calendar/", params)


def test_the_urls_live_under_the_language_prefix(programme):
    site = programme.network.meeting_place
    with translation.override("fi"):
        assert reverse("programme:site-calendar", kwargs={"site_id": site.hsds_id}) == (
            f"/fi/sites/{site.hsds_id}/calendar/"
        )
        assert reverse("programme:municipality-calendar-ics", kwargs={"code": "049"}) == (
            "/fi/municipalities/049/calendar.ics"
        )


def test_family_sees_the_weekly_baby_cafe_on_tuesday_with_the_nurse_present(client, programme):
    response = site_calendar(client, programme, date=ORDINARY_WEEK_DAY.isoformat())

    assert response.status_code == 200
    page = response.content.decode()
    assert "Perhekahvila Kupla: viikko-ohjelma" in text(page)
    assert "Viikko 46" in text(page)
    tuesday = day_section(page, CAFE_TUESDAY)
    assert tuesday is not None
    assert "Tiistai 10. marraskuuta" in tuesday
    assert "10.00–12.00 Vauvakahvila" in tuesday
    assert "Paikalla ammattilainen Terveydenhoitaja lastenneuvolasta" in tuesday
    assert "(kuun ensimmäinen tiistai)" in tuesday
    assert "0–6 v" in tuesday
    assert "suomi, ruotsi" in tuesday
    assert "maksuton" in tuesday
    assert "ei ilmoittautumista" in tuesday
    assert '<time datetime="2026-11-10T10:00:00+02:00">' in page
    assert day_section(page, CAFE_TUESDAY.replace(day=11)) == (
        "Keskiviikko 11. marraskuuta Ei toimintaa."
    )


def test_the_cafe_is_not_held_on_its_cancelled_date(client, programme):
    page = site_calendar(client, programme, date=CANCELLED_TUESDAY.isoformat()).content.decode()

    tuesday = day_section(page, CANCELLED_TUESDAY)
    assert tuesday is not None
    assert "Vauvakahvila Peruttu" in tuesday
    assert "Terveydenhoitaja" not in tuesday
    assert "0 tapahtumaa." in text(page)


def test_the_cafe_is_not_held_when_the_meeting_place_is_closed(client, programme):
    page = site_calendar(client, programme, date=CLOSED_TUESDAY.isoformat()).content.decode()

    assert "Vauvakahvila Peruttu: paikka on suljettu (remontti)" in day_section(
        page, CLOSED_TUESDAY
    )


def test_in_swedish_the_week_is_a_veckoprogram(client, programme):
    page = site_calendar(
        client, programme, lang="sv", date=ORDINARY_WEEK_DAY.isoformat()
    ).content.decode()

    assert "Familjecafé Bubblan: veckoprogram" in text(page)
    tuesday = day_section(page, CAFE_TUESDAY)
    assert "Tisdag 10 november" in tuesday
    assert "Babycafé" in tuesday
    assert "Hälsovårdare från barnrådgivningen" in tuesday
    assert "0–6 år" in tuesday


def test_month_view_shows_every_tuesday_of_november_and_links_to_the_days(client, programme):
    response = site_calendar(client, programme, view="month", date="2026-11-20")

    page = response.content.decode()
    assert response.status_code == 200
    assert "Päivät, joina on toimintaa: marraskuu 2026" in text(page)
    for day in (3, 10, 17, 24):
        assert f'href="#day-2026-11-{day:02d}"' in page
        assert "Vauvakahvila" in day_section(page, CAFE_TUESDAY.replace(day=day))
    assert day_section(page, CAFE_TUESDAY.replace(day=11)) is None  # quiet days are left out
    assert "4 tapahtumaa." in text(page)


def test_previous_and_next_keep_the_filters(client, programme):
    page = site_calendar(
        client, programme, view="month", date="2026-11-20", age_months="6", language="sv"
    ).content.decode()

    assert "date=2026-10-01&amp;age_months=6&amp;language=sv" in page
    assert "date=2026-12-01&amp;age_months=6&amp;language=sv" in page
    assert 'calendar.ics?age_months=6&amp;language=sv"' in page
    assert 'href="webcal://testserver/fi/sites/' in page
    # What was chosen stays chosen in the form.
    assert '<option value="6" selected>6 kuukautta</option>' in page
    assert '<option value="sv" selected>ruotsi</option>' in page


def area_calendar(client, programme: Programme, lang: str = "fi", **params):
    return client.get(f"/{lang}/areas/{programme.network.espoo_area.hsds_id}/calendar/", params)


def test_area_calendar_holds_its_sites_only(client, programme):
    page = text(
        area_calendar(client, programme, date=ORDINARY_WEEK_DAY.isoformat()).content.decode()
    )

    assert "Vauvakahvila" in page
    assert "Leikkiryhmä ruotsiksi" in page
    assert "Odottavien perheiden ilta" in page
    assert "Tikkurilan perhekerho" not in page  # Vantaa is outside the area
    assert "Perhekahvila Kupla" in page  # the place of each activity is named


def test_municipality_calendar_holds_its_sites_only(client, programme):
    vantaa = text(
        client.get("/fi/municipalities/092/calendar/", {"date": ORDINARY_WEEK_DAY}).content.decode()
    )
    espoo = text(
        client.get("/fi/municipalities/049/calendar/", {"date": ORDINARY_WEEK_DAY}).content.decode()
    )

    assert "Tikkurilan perhekerho" in vantaa
    assert "Vauvakahvila" not in vantaa
    assert "Vauvakahvila" in espoo
    assert "Tikkurilan perhekerho" not in espoo


def test_filter_by_pregnancy_finds_the_evening_for_expecting_families(client, programme):
    page = text(
        area_calendar(client, programme, date=ORDINARY_WEEK_DAY, age_months=-3).content.decode()
    )

    assert "Odottavien perheiden ilta" in page
    assert "Paikalla ammattilainen Kätilö" in page
    assert "Vauvakahvila" not in page
    assert "Leikkiryhmä ruotsiksi" not in page
    assert "Näytetään: raskausaika." in page


def test_filter_by_age_and_language(client, programme):
    four_year_old_in_swedish = text(
        area_calendar(
            client, programme, date=ORDINARY_WEEK_DAY, age_months=48, language="sv"
        ).content.decode()
    )
    baby_in_finnish = text(
        area_calendar(
            client, programme, date=ORDINARY_WEEK_DAY, age_months=3, language="fi"
        ).content.decode()
    )

    assert "Leikkiryhmä ruotsiksi" in four_year_old_in_swedish
    assert "Vauvakahvila" in four_year_old_in_swedish
    assert "Odottavien perheiden ilta" not in four_year_old_in_swedish
    assert "Vauvakahvila" in baby_in_finnish
    assert "Leikkiryhmä ruotsiksi" not in baby_in_finnish


def test_unpublished_activities_never_appear(client, programme):
    for response in (
        site_calendar(client, programme, date=CAFE_TUESDAY),
        site_calendar(client, programme, date=CAFE_TUESDAY, view="month"),
        area_calendar(client, programme, date=CAFE_TUESDAY),
        client.get("/fi/municipalities/049/calendar/", {"date": CAFE_TUESDAY}),
    ):
        assert response.status_code == 200
        assert "Luonnostapahtuma" not in response.content.decode()


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"date": "2026-13-45"}, "Anna päivämäärä muodossa vuosi-kuukausi-päivä"),
        ({"date": "1066-10-14"}, "Valitse päivämäärä väliltä"),
        ({"view": "year"}, "Valitse oikea vaihtoehto"),
        ({"age_months": "kolme"}, "Valitse lapsen ikä luettelosta"),
        ({"age_months": "999"}, "Valitse lapsen ikä luettelosta"),
        ({"language": "<i>"}, "Valitse kieli luettelosta"),
    ],
)
def test_bad_filters_get_a_clear_message_not_an_error_page(client, programme, params, message):
    response = site_calendar(client, programme, **params)

    assert response.status_code == 400
    page = response.content.decode()
    assert "Tarkista valinnat:" in text(page)
    assert message in text(page)
    assert 'aria-invalid="true"' in page
    assert "<i>" not in page


def test_bad_filters_are_explained_in_swedish_too(client, programme):
    response = site_calendar(client, programme, lang="sv", date="31.12.2026")

    assert response.status_code == 400
    assert "Ange datumet som år-månad-dag" in text(response.content.decode())


def test_what_was_typed_stays_in_the_form(client, programme):
    page = site_calendar(client, programme, date="2026-02-30", language="sv").content.decode()

    assert 'value="2026-02-30"' in page
    assert '<option value="sv" selected>' in page


def test_unknown_places_are_not_found(client, programme):
    assert client.get(f"/fi/sites/{uuid4()}/calendar/").status_code == 404
    assert client.get(f"/fi/areas/{uuid4()}/calendar/").status_code == 404
    assert client.get("/fi/municipalities/999/calendar/").status_code == 404
    assert client.get(f"/fi/sites/{uuid4()}/calendar.ics").status_code == 404
    assert client.get(f"/fi/areas/{uuid4()}/brochure.pdf").status_code == 404


def test_the_page_defaults_to_this_week_and_marks_today(client, programme):
    response = site_calendar(client, programme)

    assert response.status_code == 200
    assert "tänään" in text(response.content.decode())


def test_htmx_gets_only_the_calendar(client, programme):
    response = client.get(
        f"/fi/sites/{programme.network.meeting_place.hsds_id}/calendar/",
        {"date": ORDINARY_WEEK_DAY},
        headers={"HX-Request": "true"},
    )

    page = response.content.decode()
    assert "Vauvakahvila" in page
    assert "<html" not in page
