"""A parent asks to be contacted, safely: the form, the acknowledgement, and the ways the form
refuses what it cannot take while keeping what the parent typed."""

import pytest
from django.test import Client

from perhekeskus.contacts.models import ContactRequest
from perhekeskus.inbox.models import InboxEvent, Queue
from perhekeskus.questions import services as questions
from tests.contacts.conftest import FI, SV, contact_data
from tests.families.html import parse

pytestmark = pytest.mark.django_db


def checked(page, name: str) -> list[str]:
    return [e.get("value") for e in page.find_all("input", name=name) if "checked" in e.attrs]


def test_the_form_asks_for_the_safety_choices_without_a_default(client, network):
    response = client.get(FI)

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    page = parse(response)
    assert "Pyydä yhteydenottoa" in page.find_all("h1")[0].text
    safety = page.one("safety").text
    assert "Saako sinulle jättää viestin" in safety
    assert "Saako sinulle soittaa milloin tahansa" in safety
    assert "ei saa tietää" in safety  # why we ask
    assert checked(page, "may_leave_message") == []
    assert checked(page, "may_call_any_time") == []
    # Radios are grouped with a legend; the consent is a checkbox nobody ticked for the parent.
    legends = [legend.text for legend in page.find_all("legend")]
    assert any("Saako sinulle jättää viestin" in legend for legend in legends)
    consent = page.by_id("id_consent")
    assert consent.get("type") == "checkbox" and "checked" not in consent.attrs
    assert "Etunimi riittää" in page.text
    # The honeypot is hidden from people and from screen readers, the stamp travels along.
    honeypot = page.by_id("id_website")
    assert honeypot.get("tabindex") == "-1" and honeypot.get("autocomplete") == "off"
    assert honeypot.parent.get("aria-hidden") == "true"
    assert page.find_all("input", name="stamp")[0].get("value")


def test_a_parent_asks_to_be_contacted_with_no_messages_and_is_told_when(
    client, desk, network, at_time
):
    at_time(2026, 10, 9, 10, 30)  # a Friday morning

    response = client.post(FI, contact_data())

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    request = ContactRequest.objects.get()
    assert request.queue == desk.espoo_queue
    assert request.may_leave_message is False
    assert request.may_call_any_time is False
    assert request.phone == "+358401234567"
    assert request.name == "Sanna"
    assert request.municipality == network.espoo
    assert request.consent_at is not None
    page = parse(response)
    assert page.one("reference").text == request.reference
    # Two working days from a Friday: Tuesday.
    assert "tiistai" in page.one("deadline").text.lower()
    assert "13.10.2026" in page.one("deadline").text
    reminder = page.one("safety-reminder").text
    assert "emme jätä viestiä" in reminder.lower()
    assert "arkisin klo 15 jälkeen" in reminder
    assert "112" in page.one("urgent").text
    assert InboxEvent.objects.filter(
        item_kind=InboxEvent.Kind.CONTACT_REQUEST,
        item_id=request.pk,
        action=InboxEvent.Action.RECEIVED,
    ).exists()


def test_a_request_about_a_service_goes_to_that_services_queue(client, desk, network):
    cafe_queue = Queue.objects.create(name_fi="Perhekahvila Kupla", name_en="Bubble café")
    cafe_queue.services.add(network.family_cafe)
    link = f"{FI}?service={network.family_cafe.hsds_id}"

    form_page = parse(client.get(link))
    assert "Koskee: Perhekahvila Kupla" in form_page.one("about-service").text
    response = client.post(FI, contact_data(service=str(network.family_cafe.hsds_id)))

    request = ContactRequest.objects.get()
    assert request.service == network.family_cafe
    assert request.queue == cafe_queue
    assert "Perhekahvila Kupla" in parse(response).one("acknowledgement").text


def test_a_draft_or_unknown_service_is_left_out_without_an_error(client, desk, network):
    response = client.get(f"{FI}?service={network.draft_service.hsds_id}")
    assert parse(response).by_testid("about-service") == []

    client.post(FI, contact_data(service="not-a-service"))
    assert ContactRequest.objects.get().service is None


def test_a_wrong_phone_number_is_explained_and_everything_typed_stays(client, desk, network):
    response = client.post(
        FI, contact_data(phone="040 12ab", email="sanna@example.fi", may_leave_message="yes")
    )

    assert response.status_code == 200
    assert not ContactRequest.objects.exists()
    page = parse(response)
    assert "Tarkista puhelinnumero" in page.one("error-summary").text
    assert page.by_id("id_phone").get("aria-invalid") == "true"
    assert page.by_id("id_phone").get("value") == "040 12ab"
    assert page.by_id("id_name").get("value") == "Sanna"
    assert page.by_id("id_email").get("value") == "sanna@example.fi"
    assert page.by_id("id_when_to_call").get("value") == "arkisin klo 15 jälkeen"
    assert "vauva herää" in page.by_id("id_about").text
    assert checked(page, "may_leave_message") == ["yes"]
    assert checked(page, "may_call_any_time") == ["given_times"]
    assert "checked" in page.by_id("id_consent").attrs


def test_a_wrong_email_address_is_explained(client, desk, network):
    response = client.post(FI, contact_data(phone="", email="sanna(at)example"))

    assert not ContactRequest.objects.exists()
    assert "Tarkista sähköpostiosoite" in parse(response).one("error-summary").text


def test_a_text_over_4000_characters_is_refused_and_kept(client, desk, network):
    long_text = "Meillä on vaikeaa. " * 250  # 4750 characters

    response = client.post(FI, contact_data(about=long_text))

    assert not ContactRequest.objects.exists()
    page = parse(response)
    assert page.one("error-summary")
    assert page.by_id("id_about").get("maxlength") == "4000"
    assert page.by_id("id_about").text == long_text.strip()


def test_a_phone_number_or_an_email_address_is_needed(client, desk, network):
    response = client.post(FI, contact_data(phone="", email=""))

    assert not ContactRequest.objects.exists()
    assert "puhelinnumero tai sähköpostiosoite" in parse(response).one("error-summary").text


def test_an_email_address_alone_is_enough_and_becomes_the_channel(client, desk, network):
    client.post(FI, contact_data(phone="", email="sanna@example.fi", preferred_channel="phone"))

    request = ContactRequest.objects.get()
    assert request.email == "sanna@example.fi"
    assert request.preferred_channel == ContactRequest.Channel.EMAIL


def test_the_safety_choices_must_be_made(client, desk, network):
    response = client.post(FI, contact_data(may_leave_message=None, may_call_any_time=None))

    assert not ContactRequest.objects.exists()
    page = parse(response)
    summary = page.one("error-summary")
    assert "Saako sinulle jättää viestin" in summary.text
    assert "Saako sinulle soittaa milloin tahansa" in summary.text
    assert "#id_may_leave_message_0" in summary.links()
    assert page.by_id("error-may_leave_message").text


def test_calling_only_at_given_times_needs_the_times(client, desk, network):
    response = client.post(FI, contact_data(when_to_call=""))

    assert not ContactRequest.objects.exists()
    assert "kerro milloin" in parse(response).one("error-summary").text.lower()


def test_no_request_without_consent(client, desk, network):
    response = client.post(FI, contact_data(consent=None))

    assert not ContactRequest.objects.exists()
    assert "suostumuksellasi" in parse(response).one("error-summary").text


def test_a_bot_filling_the_honeypot_is_refused(client, desk, network):
    response = client.post(FI, contact_data(website="https://spam.example"))

    assert not ContactRequest.objects.exists()
    assert parse(response).one("error-summary")


def test_a_form_sent_too_fast_is_refused_and_kept(client, desk, network, settings):
    settings.PERHEKESKUS_FORM_MIN_SECONDS = 5

    response = client.post(FI, contact_data())

    assert not ContactRequest.objects.exists()
    page = parse(response)
    assert page.one("error-summary")
    assert page.by_id("id_name").get("value") == "Sanna"


def test_csrf_is_enforced(desk, network):
    browser = Client(enforce_csrf_checks=True)

    refused = browser.post(FI, contact_data())
    assert refused.status_code == 403
    assert not ContactRequest.objects.exists()

    form = parse(browser.get(FI))
    token = form.find_all("input", name="csrfmiddlewaretoken")[0].get("value")
    accepted = browser.post(FI, contact_data(csrfmiddlewaretoken=token))
    assert accepted.status_code == 200
    assert ContactRequest.objects.count() == 1


def test_without_a_queue_the_parent_is_told_and_nothing_is_lost(client, network):
    response = client.post(FI, contact_data())

    assert response.status_code == 503
    assert not ContactRequest.objects.exists()
    page = parse(response)
    assert "ei lähetetty" in page.one("error-summary").text
    assert page.by_id("id_phone").get("value") == "040 123 4567"
    assert "vauva herää" in page.by_id("id_about").text


def test_the_topic_link_preselects_the_topic(client, network):
    page = parse(client.get(f"{FI}?topic=violence_safety"))

    selected = [o.get("value") for o in page.find_all("option") if "selected" in o.attrs]
    assert "violence_safety" in selected


# ---- Stepping up from an anonymous question ----


def test_a_question_steps_up_to_a_contact_request_with_consent(client, desk, network):
    asked = questions.ask(
        text="Vauva ei nuku, mitä teen?",
        lang="fi",
        topic="sleep_eating",
        municipality=network.espoo,
    )

    # The question's page has a "please contact me" button: a POST with the code only.
    response = client.post(FI, {"question_code": asked.code})

    assert response.status_code == 200
    page = parse(response)
    assert page.one("stepping-up")
    assert not page.by_testid("error-summary")
    selected = [o.get("value") for o in page.find_all("option") if "selected" in o.attrs]
    assert "sleep_eating" in selected and "049" in selected
    assert page.find_all("input", name="question_code")[0].get("value") == asked.code
    assert "nähdä nimettömän kysymykseni" in page.by_id("id_show_question").parent.text
    assert all(asked.code not in link for link in page.links())
    assert asked.code not in page.one("contact-form").get("action")

    response = client.post(
        FI, contact_data(question_code=asked.code, show_question="on", topic="sleep_eating")
    )

    request = ContactRequest.objects.get()
    assert request.question == asked.question
    assert asked.code not in response.content.decode()
    assert InboxEvent.objects.filter(
        item_kind=InboxEvent.Kind.QUESTION,
        item_id=asked.question.pk,
        action=InboxEvent.Action.STEPPED_UP,
    ).exists()


def test_without_the_extra_consent_the_question_is_not_shown(client, desk, network):
    asked = questions.ask(text="Kysymys", lang="fi", topic="parenting", municipality=network.espoo)

    client.post(FI, contact_data(question_code=asked.code))

    assert ContactRequest.objects.get().question is None


def test_a_wrong_code_gives_the_plain_form_and_links_nothing(client, desk, network):
    questions.ask(text="Kysymys", lang="fi", topic="parenting", municipality=network.espoo)
    wrong = "A" * 32

    page = parse(client.post(FI, {"question_code": wrong}))

    assert page.one("contact-form")
    assert not page.by_testid("stepping-up")
    assert not page.by_testid("error-summary")
    assert page.find_all("input", name="question_code") == []
    assert page.find_all("input", name="show_question") == []

    client.post(FI, contact_data(question_code=wrong, show_question="on"))
    assert ContactRequest.objects.get().question is None


# ---- Languages ----


def test_the_swedish_form_and_acknowledgement_are_in_swedish(client, desk, network):
    page = parse(client.get(SV))
    # "Be om kontakt" (or "Be om att bli kontaktad", as the question page's button says)
    assert page.find_all("h1")[0].text.startswith("Be om ")
    assert "Får vi lämna ett meddelande" in page.one("safety").text

    response = client.post(SV, contact_data())

    text = parse(response).one("acknowledgement").text
    assert "Din begäran har tagits emot" in text
    assert "Vi lämnar inget meddelande" in text
    assert ContactRequest.objects.get().lang == "sv"


def test_a_service_page_leads_to_the_contact_form_about_it(client, network):
    page = parse(client.get(f"/fi/services/{network.child_health_clinic.hsds_id}/"))

    link = page.one("ask-to-be-contacted").get("href")
    assert link == f"{FI}?service={network.child_health_clinic.hsds_id}"
