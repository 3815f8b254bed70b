"""A family tells how it went, anonymously; figures appear for families only from five answers,
and the free text reaches only the staff of the service's own organisation."""

from datetime import date

import pytest
from django.test import Client
from django.utils import timezone

from perhekeskus.feedback import selectors
from perhekeskus.feedback.models import Feedback
from perhekeskus.feedback.services import give_feedback
from perhekeskus.public_forms import stamp_now
from tests.families.html import parse
from tests.professionals import login_professional

pytestmark = pytest.mark.django_db

FI = "/fi/feedback/"
SV = "/sv/feedback/"
STAFF = "/fi/staff/feedback/"


def answers(**changes):
    data = {"stamp": stamp_now(), "website": "", "got_help": "yes", "rating": "4", "text": ""}
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def feedback_on(service, ratings, got_help=("yes",), text=""):
    for index, rating in enumerate(ratings):
        give_feedback(
            lang="fi",
            got_help=got_help[index % len(got_help)],
            rating=rating,
            service=service,
            text=text,
        )


def test_a_family_gives_feedback_on_a_service_and_only_the_day_is_kept(client, network):
    clinic = network.child_health_clinic
    form = parse(client.get(f"{FI}?service={clinic.hsds_id}"))

    assert "Koskee: Lastenneuvola, Leppävaara" in form.one("about").text
    legends = [legend.text for legend in form.find_all("legend")]
    assert "Saitko apua?" in legends
    assert any("1–5" in legend for legend in legends)
    ratings = [r for r in form.find_all("input", name="rating")]
    assert [r.get("value") for r in ratings] == ["1", "2", "3", "4", "5"]
    assert not any("checked" in r.attrs for r in ratings)
    assert "5 – erittäin hyvä" in form.one("rating").text
    hint = form.by_id("hint-text").text
    assert "vain palvelun oma henkilökunta" in hint and "Älä kirjoita nimiä" in hint

    response = client.post(
        FI, answers(service=str(clinic.hsds_id), rating="5", text="Hyvä neuvola, kiitos!")
    )

    assert response.status_code == 302
    feedback = Feedback.objects.get()
    assert type(feedback.given_on) is date
    assert feedback.given_on == timezone.localdate()
    assert feedback.service == clinic
    assert feedback.area == network.espoo_area  # the area of the service's place
    assert (feedback.got_help, feedback.rating, feedback.context) == ("yes", 5, "visit")
    thanks = client.get(response["Location"])
    assert "Kiitos palautteestasi" in parse(thanks).one("feedback-thanks").text
    assert f"/fi/services/{clinic.hsds_id}/" in parse(thanks).links()


def test_feedback_on_a_place_counts_for_its_area(client, network):
    client.post(FI, answers(site=str(network.meeting_place.hsds_id), got_help="partly"))

    feedback = Feedback.objects.get()
    assert feedback.site == network.meeting_place and feedback.service is None
    assert feedback.area == network.espoo_area


def test_feedback_on_an_answer_comes_from_the_question_page(client, network):
    response = client.post(FI, {"context": "answer", "topic": "sleep_eating"})

    page = parse(response)
    assert "vastausta nimettömään kysymykseesi" in page.one("about").text
    assert not page.by_testid("error-summary")

    client.post(FI, answers(context="answer", topic="sleep_eating", got_help="no", rating="2"))
    feedback = Feedback.objects.get()
    assert (feedback.context, feedback.topic) == ("answer", "sleep_eating")
    assert feedback.service is None and feedback.area is None


def test_the_answers_are_required_and_the_text_is_kept(client, network):
    response = client.post(FI, answers(got_help=None, rating=None, text="Jäi epäselväksi"))

    assert not Feedback.objects.exists()
    page = parse(response)
    summary = page.one("error-summary").text
    assert "Saitko apua?" in summary and "Valitse numero 1–5" in summary
    assert "Jäi epäselväksi" in page.by_id("id_text").text


def test_a_bot_or_a_too_fast_form_leaves_no_feedback(client, network, settings):
    client.post(FI, answers(website="https://spam.example"))
    settings.PERHEKESKUS_FORM_MIN_SECONDS = 5
    client.post(FI, answers())

    assert not Feedback.objects.exists()


def test_csrf_is_enforced(network):
    browser = Client(enforce_csrf_checks=True)

    assert browser.post(FI, answers()).status_code == 403
    assert not Feedback.objects.exists()


# ---- Figures for families ----


def test_figures_are_hidden_with_four_answers_and_shown_with_five(client, network):
    clinic = network.child_health_clinic
    service_page = f"/fi/services/{clinic.hsds_id}/"
    area_page = f"/fi/areas/{network.espoo_area.hsds_id}/"
    feedback_on(clinic, [5, 4, 4, 4], got_help=("yes",))

    assert selectors.figures_for_service(clinic) is None
    page = parse(client.get(service_page))
    assert page.by_testid("feedback-figures") == []
    assert "4 vastaus" not in page.text
    assert page.one("give-feedback").get("href") == f"{FI}?service={clinic.hsds_id}"
    assert parse(client.get(area_page)).by_testid("family-feedback") == []

    feedback_on(clinic, [4], got_help=("no",))

    figures = selectors.figures_for_service(clinic)
    assert figures is not None
    assert (figures.count, str(figures.mean_rating)) == (5, "4.2")
    assert (figures.got_help_yes, figures.got_help_partly, figures.got_help_no) == (80, 0, 20)
    shown = parse(client.get(service_page)).one("feedback-figures").text
    assert "4,2 / 5" in shown and "5 vastausta" in shown and "80 % sai apua" in shown
    assert "4,2 / 5" in parse(client.get(area_page)).one("feedback-figures").text


def test_site_figures_count_the_feedback_given_on_the_place(client, network):
    for rating in (3, 3, 4, 4, 5):
        give_feedback(lang="fi", got_help="partly", rating=rating, site=network.meeting_place)

    page = parse(client.get(f"/fi/sites/{network.meeting_place.hsds_id}/"))

    assert "3,8 / 5" in page.one("feedback-figures").text
    assert page.one("give-feedback").get("href") == f"{FI}?site={network.meeting_place.hsds_id}"


# ---- Free text for the service's own staff ----


def test_free_text_is_read_by_the_services_own_staff_only(client, desk, network):
    feedback_on(network.child_health_clinic, [5], text="Terveydenhoitaja kuunteli hyvin")
    feedback_on(network.vantaa_family_work, [2], text="Perhetyöntekijä oli myöhässä")

    login_professional(client, desk.aino)  # the county organisation's nurse
    page = parse(client.get(STAFF))

    texts = [item.text for item in page.by_testid("feedback-text")]
    assert any("kuunteli hyvin" in text for text in texts)
    assert not any("myöhässä" in text for text in texts)
    assert "Lastenneuvola, Leppävaara" in page.one("staff-figures").text


def test_another_organisations_professional_does_not_see_the_text(client, desk, network):
    feedback_on(network.child_health_clinic, [5], text="Terveydenhoitaja kuunteli hyvin")

    login_professional(client, desk.kalle)  # Vantaa's social worker
    response = client.get(STAFF)

    assert response.status_code == 200
    assert "kuunteli hyvin" not in response.content.decode()
    assert selectors.feedback_for_staff(desk.kalle.organisation) == []


def test_an_anonymous_visitor_is_sent_to_the_login(client, network):
    feedback_on(network.child_health_clinic, [5], text="Terveydenhoitaja kuunteli hyvin")

    response = client.get(STAFF)

    assert response.status_code == 302
    assert "/staff/login/" in response["Location"]
    assert "kuunteli hyvin" not in response.content.decode()


def test_a_logged_in_user_without_the_second_factor_is_sent_to_the_login(client, desk, network):
    feedback_on(network.child_health_clinic, [5], text="Terveydenhoitaja kuunteli hyvin")
    client.force_login(desk.aino.user)

    response = client.get(STAFF)

    assert response.status_code == 302
    assert "kuunteli hyvin" not in response.content.decode()


# ---- Languages ----


def test_the_swedish_form_and_thanks_are_in_swedish(client, network):
    page = parse(client.get(f"{SV}?service={network.child_health_clinic.hsds_id}"))
    assert "Ge respons" in page.find_all("h1")[0].text
    assert "Fick du hjälp?" in [legend.text for legend in page.find_all("legend")]
    assert "Gäller: Barnrådgivningen, Alberga" in page.one("about").text

    response = client.post(SV, answers(service=str(network.child_health_clinic.hsds_id)))

    assert "Tack för din respons" in parse(client.get(response["Location"])).text
    assert Feedback.objects.get().lang == "sv"
