"""The parents' pages, without JavaScript: starting, the code shown once, opening with a code
(and a clear, slowed error for a wrong one), filling in, side by side, agreeing, accepting, the
PDF, sending, and keeping the plan in the family's own view."""

import re

import pytest
from django.test import Client

from perhekeskus.contacts.models import ContactRequest
from perhekeskus.parenting.models import (
    AgreedItem,
    ParentingPlan,
    PlanParent,
    PlanSubmission,
    PlanView,
    Role,
    SavedPlan,
)
from perhekeskus.questions import throttle
from tests.family_portal.helpers import logged_in_as
from tests.parenting.helpers import (
    both_accepted,
    everything_agreed,
    opened,
    parents_started,
    pdf_text,
    view,
)

pytestmark = pytest.mark.django_db

START = "/fi/parenting-plan/"


def _start(client: Client, **extra: str):
    data = {
        "stamp": _stamp(client),
        "website": "",
        "child_0_first_name": "Aada",
        "child_0_birth_year": "2017",
        "child_1_first_name": "Eeli",
        "child_1_birth_year": "2021",
        "name": "Maija",
        **extra,
    }
    return client.post(START, data)


def _stamp(client: Client) -> str:
    page = client.get(START).content.decode()
    return re.search(r'name="stamp" value="([^"]+)"', page).group(1)


def test_the_start_page_explains_the_plan_in_each_language(client):
    for lang, words in (
        ("fi", "Vanhemmuussuunnitelma"),
        ("sv", "Föräldraskapsplan"),
        ("en", "Parenting plan"),
    ):
        response = client.get(f"/{lang}/parenting-plan/")
        assert response.status_code == 200
        assert words in response.content.decode()
        assert response["Cache-Control"] == "no-store"


def test_a_parent_starts_a_plan_and_sees_the_link_and_code_once(client):
    response = _start(client)
    assert response.status_code == 200
    page = response.content.decode()
    plan = ParentingPlan.objects.get()
    code = re.search(r'id="plan-code"[^>]*value="([^"]+)"', page).group(1)
    link = re.search(r'id="plan-link"[^>]*value="([^"]+)"', page).group(1)
    assert link.endswith(f"/fi/parenting-plan/{plan.public_id}/#{code}")
    assert response["Cache-Control"] == "no-store"
    # The code is in the page only; the plan's own page never shows it again.
    plan_page = client.get(f"/fi/parenting-plan/{plan.public_id}/").content.decode()
    assert code not in plan_page
    assert "Aada" in plan_page and "Eeli" in plan_page
    assert PlanParent.objects.get(plan=plan, role=Role.FIRST).name == "Maija"


def test_a_start_with_mistakes_keeps_what_was_typed_and_links_each_error_to_its_field(client):
    response = _start(client, child_1_birth_year="1990")
    assert response.status_code == 400
    page = response.content.decode()
    assert 'href="#id_child_1_birth_year"' in page
    assert re.search(
        r'id="id_child_1_birth_year"[^>]*aria-describedby="error-id_child_1_birth_year"[^>]*'
        r'aria-invalid="true"',
        page,
    )
    assert 'value="Eeli"' in page and 'value="1990"' in page
    assert not ParentingPlan.objects.exists()


def test_the_public_form_limit_applies_to_starting_plans(client, settings):
    settings.PERHEKESKUS_PUBLIC_FORM_LIMIT_PER_MINUTE = 1
    assert _start(client).status_code == 200
    response = _start(Client())
    assert response.status_code == 400
    assert "Juuri nyt lähetetään paljon viestejä" in response.content.decode()
    assert ParentingPlan.objects.count() == 1


def test_without_the_code_the_plans_address_shows_only_the_code_form(client):
    parents = parents_started()
    view(parents.first, "residence", text="Salainen näkemys", share=True)
    response = client.get(f"/fi/parenting-plan/{parents.plan.public_id}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="open-form"' in page
    assert "Aada" not in page and "Salainen" not in page
    # A plan that does not exist looks the same.
    missing = client.get("/fi/parenting-plan/6c1f9b7e-3f3a-4f0e-9d7e-1f2a3b4c5d6e/")
    assert missing.status_code == 200 and 'data-testid="open-form"' in missing.content.decode()
    for path in ("topics/residence/", "together/", "plan.pdf", "send/", "children/"):
        page = client.get(f"/fi/parenting-plan/{parents.plan.public_id}/{path}").content.decode()
        assert "Salainen" not in page and "Aada" not in page, path


def test_a_wrong_code_gives_a_clear_error_on_the_code_field_and_is_slowed(client, monkeypatch):
    parents = parents_started()
    waited: list[float] = []
    monkeypatch.setattr(throttle, "sleep", waited.append)
    monkeypatch.setattr(throttle, "delay_for", lambda recent: 0.25 * (recent + 1))
    url = f"/fi/parenting-plan/{parents.plan.public_id}/open/"
    for attempt in ("x" * 32, parents.second_code[:-2], ""):
        response = client.post(url, {"code": attempt})
        assert response.status_code == 400
        page = response.content.decode()
        assert 'href="#id_code"' in page
        assert 'aria-invalid="true"' in page
    assert (
        "Tämä koodi ei avaa suunnitelmaa" in client.post(url, {"code": "y" * 32}).content.decode()
    )
    assert waited == [0.25, 0.5, 0.75, 1.0]
    # The right code of another plan does not open this one.
    other = parents_started()
    assert client.post(url, {"code": other.first_code}).status_code == 400


def test_the_code_from_the_links_fragment_or_alone_opens_the_plan_for_that_parent(client):
    parents = parents_started()
    response = client.post(
        f"/fi/parenting-plan/{parents.plan.public_id}/open/", {"code": f" {parents.second_code}\n"}
    )
    assert response.status_code == 303
    assert response["Location"] == f"/fi/parenting-plan/{parents.plan.public_id}/"
    assert "Olet Matti tässä suunnitelmassa" in client.get(response["Location"]).content.decode()
    # Only the code, written down without the link.
    other = Client()
    response = other.post("/fi/parenting-plan/open/", {"code": parents.first_code})
    assert response.status_code == 303
    assert "Olet Maija" in other.get(response["Location"]).content.decode()


def test_a_parent_fills_in_a_topic_as_a_draft_then_shares_and_goes_on_to_the_next(client):
    parents = parents_started()
    opened(client, parents.plan, parents.first_code)
    child = parents.plan.children.get()
    url = f"/fi/parenting-plan/{parents.plan.public_id}/topics/residence/"
    page = client.get(url).content.decode()
    # The choices name the parents as they call themselves in the plan.
    assert "Asuu pääasiassa: Matti" in page and "Asuu pääasiassa: Maija" in page
    response = client.post(
        url,
        {
            f"{child.pk}-choice": "alternating",
            f"{child.pk}-text": "Viikko ja viikko.",
            "share": "0",
        },
    )
    assert response.status_code == 302
    assert response["Location"].endswith("/topics/time/")
    saved = PlanView.objects.get(topic="residence")
    assert saved.shared_at is None and saved.choice == "alternating"
    client.post(
        url,
        {
            f"{child.pk}-choice": "alternating",
            f"{child.pk}-text": "Viikko ja viikko.",
            "share": "1",
        },
    )
    saved.refresh_from_db()
    assert saved.shared_at is not None


def test_choosing_some_other_way_without_words_is_an_error_linked_to_the_text(client):
    parents = parents_started()
    opened(client, parents.plan, parents.first_code)
    child = parents.plan.children.get()
    url = f"/fi/parenting-plan/{parents.plan.public_id}/topics/residence/"
    response = client.post(
        url, {f"{child.pk}-choice": "other", f"{child.pk}-text": "", "share": "1"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert f'href="#id_{child.pk}-text"' in page
    assert f'aria-describedby="error-id_{child.pk}-text"' in page
    assert not PlanView.objects.exists()


def test_side_by_side_shows_the_other_parents_view_only_once_shared(client):
    parents = parents_started()
    view(
        parents.second, "residence", choice="alternating", text="Vuoroviikoin isällä.", share=False
    )
    view(parents.first, "residence", choice="alternating", text="Vuoroviikoin.", share=True)
    opened(client, parents.plan, parents.first_code)
    url = f"/fi/parenting-plan/{parents.plan.public_id}/together/"
    assert "Vuoroviikoin isällä." not in client.get(url).content.decode()
    PlanView.objects.filter(parent=parents.second).update(shared_at="2026-01-01T10:00Z")
    page = client.get(url).content.decode()
    assert "Vuoroviikoin isällä." in page
    assert "Sama näkemys" in page
    # Both said the same: the agreed field starts from what they said.
    child = parents.plan.children.get()
    agreed_field = re.search(
        rf'<textarea name="residence-{child.pk}-agreed"[^>]*>([^<]*)</textarea>', page
    )
    assert agreed_field.group(1) == (
        "Vuoroasuminen: suunnilleen yhtä paljon kummankin vanhemman luona\nVuoroviikoin."
    )


def test_either_parent_writes_the_agreed_texts_and_both_accept(client):
    parents = parents_started()
    opened(client, parents.plan, parents.second_code)
    child = parents.plan.children.get()
    url = f"/fi/parenting-plan/{parents.plan.public_id}/together/"
    data = {
        f"residence-{child.pk}-agreed": "Aada asuu vuoroviikoin.",
        "communication-family-agreed": "Viestein.",
    }
    assert client.post(url, data).status_code == 302
    agreed = AgreedItem.objects.get(topic="residence")
    assert agreed.written_by == Role.SECOND and agreed.text == "Aada asuu vuoroviikoin."
    # Not everything is agreed yet: accepting is refused with a reason.
    response = client.post(f"/fi/parenting-plan/{parents.plan.public_id}/accept/", follow=True)
    assert "ei voi vielä hyväksyä" in response.content.decode()
    everything_agreed(parents)
    client.post(f"/fi/parenting-plan/{parents.plan.public_id}/accept/")
    maija = Client()
    opened(maija, parents.plan, parents.first_code)
    response = maija.post(f"/fi/parenting-plan/{parents.plan.public_id}/accept/", follow=True)
    assert "Olette molemmat hyväksyneet suunnitelman" in response.content.decode()


def test_both_parents_fill_in_together_at_one_device(client):
    parents = parents_started()
    opened(client, parents.plan, parents.first_code)
    opened(client, parents.plan, parents.second_code)
    page = client.get(f"/fi/parenting-plan/{parents.plan.public_id}/").content.decode()
    assert 'data-testid="together"' in page
    child = parents.plan.children.get()
    url = f"/fi/parenting-plan/{parents.plan.public_id}/topics/residence/"
    client.post(url, {"as": "b", f"{child.pk}-choice": "with_b", "share": "1"})
    client.post(url, {"as": "a", f"{child.pk}-choice": "with_a", "share": "1"})
    assert set(PlanView.objects.values_list("parent__role", "choice")) == {
        ("a", "with_a"),
        ("b", "with_b"),
    }


def test_the_pdf_is_downloaded_only_once_both_have_accepted(client):
    parents = parents_started()
    opened(client, parents.plan, parents.first_code)
    url = f"/fi/parenting-plan/{parents.plan.public_id}/plan.pdf"
    assert client.get(url).status_code == 302
    both_accepted(parents)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    text = pdf_text(response.content)
    assert "Vanhemmuussuunnitelma" in text and "Aada, syntynyt 2017" in text
    assert "Hyväksytty palvelussa" in text


def test_sending_the_plan_in_one_step(client, family_law):
    parents = parents_started()
    both_accepted(parents)
    opened(client, parents.plan, parents.first_code)
    url = f"/fi/parenting-plan/{parents.plan.public_id}/send/"
    page = client.get(url).content.decode()
    assert "Lastenvalvoja, Espoo" in page
    stamp = re.search(r'name="stamp" value="([^"]+)"', page).group(1)
    data = {
        "stamp": stamp,
        "website": "",
        "service": str(family_law.service.hsds_id),
        "about": "",
        "phone": "040 123 4567",
        "may_leave_message": "no",
        "may_call_any_time": "any_time",
        "consent": "on",
    }
    missing = client.post(url, {**data, "service": ""})
    assert missing.status_code == 400 and 'href="#id_service"' in missing.content.decode()
    response = client.post(url, data)
    assert response.status_code == 200
    request = ContactRequest.objects.get()
    assert request.reference in response.content.decode()
    submission = PlanSubmission.objects.get()
    assert f"http://testserver/fi/parenting-plan/received/{submission.pk}/" in request.about
    assert request.phone == "+358401234567" and not request.may_leave_message


def test_a_logged_in_parent_keeps_the_plan_and_sees_it_in_their_own_view(client, virtanen):
    parents = parents_started()
    opened(client, parents.plan, parents.second_code)
    save = f"/fi/parenting-plan/{parents.plan.public_id}/save/"
    # Not logged in: to the login first.
    assert client.post(save)["Location"].endswith("/my/login/")
    logged_in_as(client, virtanen.father)
    client.post(save)
    kept = SavedPlan.objects.get()
    assert kept.person == virtanen.father and kept.role == Role.SECOND
    home = client.get("/fi/my/").content.decode()
    assert 'data-testid="parenting-plans"' in home and "Aada" in home
    # From the own view the plan opens on another device without the code.
    other = Client()
    logged_in_as(other, virtanen.father)
    assert 'data-testid="saved-plan"' in other.get("/fi/parenting-plan/mine/").content.decode()
    response = other.post(f"/fi/parenting-plan/mine/{parents.plan.public_id}/open/")
    assert response.status_code == 303
    assert "Olet Matti" in other.get(response["Location"]).content.decode()
    other.post(f"/fi/parenting-plan/mine/{parents.plan.public_id}/remove/")
    assert not SavedPlan.objects.exists()


def test_closing_the_plan_on_a_device_needs_the_code_again(client):
    parents = parents_started()
    opened(client, parents.plan, parents.first_code)
    client.post(f"/fi/parenting-plan/{parents.plan.public_id}/leave/")
    page = client.get(f"/fi/parenting-plan/{parents.plan.public_id}/").content.decode()
    assert 'data-testid="open-form"' in page and "Aada" not in page


def test_the_front_page_leads_to_the_parenting_plan(client, network):
    page = client.get("/fi/").content.decode()
    assert 'href="/fi/parenting-plan/"' in page


def test_the_inbox_can_link_a_contact_request_to_the_plan_sent_with_it(family_law, network):
    from django.template.loader import render_to_string

    from perhekeskus.contacts import services as contacts
    from perhekeskus.parenting import services

    parents = parents_started()
    both_accepted(parents)
    submission = services.plan_send(
        by=parents.first,
        service=family_law.service,
        message="",
        may_leave_message=True,
        may_call_any_time=True,
        phone="+358401234567",
    )
    html = render_to_string(
        "parenting/_inbox_attachment.html", {"item": submission.contact_request}
    )
    assert f'href="/fi/parenting-plan/received/{submission.pk}/"' in html
    plain = contacts.request_contact(
        lang="fi",
        topic="other",
        about="Soittakaa.",
        may_leave_message=True,
        may_call_any_time=True,
        phone="+358401234567",
        service=family_law.service,
    )
    assert render_to_string("parenting/_inbox_attachment.html", {"item": plain}).strip() == ""
