"""Two separating parents make a parenting plan on their phones, in Finnish and in Swedish, with
the keyboard only: one starts it from the front page and invites the other with a link whose
code travels in the fragment; each fills in their own views, they see their differences side by
side, agree, both accept and download the PDF; then they send it to the child welfare supervisor
in one step and it reaches the receiving organisation's inbox, where the supervisor opens the
PDF. Last, the retention purge deletes the plan nobody saved and keeps the one a parent saved.
axe-core finds nothing serious on the way."""

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from perhekeskus.audit.models import AuditEvent
from perhekeskus.contacts.models import ContactRequest
from perhekeskus.parenting import services
from perhekeskus.parenting.models import ParentingPlan, PlanParent, Role
from tests.browser.conftest import fits_the_phone, phone_page, professional_logs_in, tab_to
from tests.clients.conftest import identity_keys, virtanen  # noqa: F401
from tests.parenting.helpers import FamilyLaw, family_law_build, parents_started, pdf_text
from tests.professionals import Desk, desk_build

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    # The receiving professional's reading of the sent plan is audited.
    pytest.mark.usefixtures("audit_log_emptied_afterwards"),
]

WORDS = {
    "fi": {
        "front_link": "Eroatteko?",
        "residence": "Viikko kerrallaan kummallakin, vaihto perjantaisin koululla.",
        "residence_b": "Vuoroviikoin, vaihto perjantaina.",
        "holidays": "Joulu vuorotellen, kesästä kolme viikkoa kummallekin.",
        "same": "Sama näkemys",
        "different": "Eri näkemykset",
        "only_one": "Vain toinen teistä on vastannut",
        "agreed": "Sovimme: {topic}.",
        "accepted_all": "Suunnitelmasta on sovittu",
        "pdf_title": "Vanhemmuussuunnitelma",
        "pdf_child": "Aada, syntynyt 2017",
        "pdf_accepted": "Hyväksytty palvelussa",
        "message": "Haluamme vahvistaa sopimuksen lastenvalvojalla.",
    },
    "sv": {
        "front_link": "Ska ni separera?",
        "residence": "En vecka i taget hos var och en, byte på fredagar vid skolan.",
        "residence_b": "Varannan vecka, byte på fredag.",
        "holidays": "Julen växelvis, tre veckor av sommaren hos var och en.",
        "same": "Samma syn",
        "different": "Olika syn",
        "only_one": "Bara den ena av er har svarat",
        "agreed": "Vi kom överens: {topic}.",
        "accepted_all": "Planen är överenskommen",
        "pdf_title": "Föräldraskapsplan",
        "pdf_child": "Aada, född 2017",
        "pdf_accepted": "Godkänd i tjänsten",
        "message": "Vi vill fastställa avtalet hos barnatillsyningsmannen.",
    },
}


@pytest.fixture
def desk(reference_data, network, personas) -> Desk:
    return desk_build(network, personas)


@pytest.fixture
def family_law(reference_data, network, desk) -> FamilyLaw:
    return family_law_build(network, desk)


@pytest.fixture
def maija(browser, lang: str) -> Any:
    page = phone_page(browser, lang)
    yield page
    page.context.close()


@pytest.fixture
def matti(browser, lang: str) -> Any:
    page = phone_page(browser, lang)
    yield page
    page.context.close()


@pytest.fixture
def lotta_page(browser, lang: str) -> Any:
    page = phone_page(browser, lang)
    yield page
    page.context.close()


def _go(page: Any, selector: str) -> None:
    """Tab to a link or button and press Enter: the next page has loaded when this returns."""
    tab_to(page, selector)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def _save_and_share(page: Any) -> None:
    _go(page, "[data-testid=save-share]")


def _pdf(page: Any, selector: str) -> str:
    tab_to(page, selector)
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename.endswith(".pdf")
    return pdf_text(Path(download.value.path()).read_bytes())


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_two_parents_make_a_plan_agree_download_it_and_send_it_to_the_supervisor(
    live_site,
    family_law,
    maija,
    matti,
    lotta_page,
    lang,
    virtanen,  # noqa: F811
):
    words = WORDS[lang]
    base = f"{live_site}/{lang}"

    # Maija finds the plan on the front page and starts it: no account, no name needed.
    maija.goto(f"{base}/")
    fits_the_phone(maija)
    tab_to(maija, "[data-testid=parenting-plan-link] a")
    expect(maija.get_by_test_id("parenting-plan-link")).to_contain_text(words["front_link"])
    maija.keyboard.press("Enter")
    maija.wait_for_url(f"**/{lang}/parenting-plan/")
    assert maija.get_attribute("html", "lang") == lang
    fits_the_phone(maija)
    tab_to(maija, "#id_child_0_first_name")
    maija.keyboard.type("Aada")
    tab_to(maija, "#id_child_0_birth_year")
    maija.keyboard.type("2017")
    tab_to(maija, "[data-testid=parent-name]")
    maija.keyboard.type("Maija")
    _go(maija, "[data-testid=start-submit]")

    # The link and the code, shown once; the code is after "#", never in an address sent.
    expect(maija.get_by_test_id("code-box")).to_be_visible()
    fits_the_phone(maija)
    code = maija.get_by_test_id("plan-code").input_value()
    link = maija.get_by_test_id("plan-link").input_value()
    plan = ParentingPlan.objects.get()
    assert plan.lang == lang
    assert link.endswith(f"/{lang}/parenting-plan/{plan.public_id}/#{code}")
    _go(maija, "[data-testid=continue]")
    expect(maija.get_by_test_id("plan-children")).to_contain_text("Aada")
    fits_the_phone(maija)

    # She makes the other parent's link and passes it on.
    _go(maija, "[data-testid=invite]")
    expect(maija.get_by_test_id("code-box")).to_be_visible()
    fits_the_phone(maija)
    invitation = maija.get_by_test_id("plan-link").input_value()
    second_code = maija.get_by_test_id("plan-code").input_value()
    assert second_code != code and invitation.endswith(f"#{second_code}")

    # Matti opens the link: the page posts the code from the fragment and forgets it.
    matti.goto(invitation)
    expect(matti.get_by_test_id("plan-children")).to_contain_text("Aada")
    assert second_code not in matti.url
    fits_the_phone(matti)
    tab_to(matti, "[data-testid=rename]")
    matti.keyboard.type("Matti")
    with matti.expect_navigation():
        matti.keyboard.press("Enter")
    expect(matti.get_by_test_id("you-are")).to_contain_text("Matti")
    assert PlanParent.objects.get(plan=plan, role=Role.SECOND).joined_at is not None

    # Maija's views: residence and time shared, holidays left as a draft for now.
    _go(maija, "[data-testid=back-to-plan]")
    _go(maija, "[data-testid=fill-in-a]")
    expect(maija.get_by_test_id("topic-title")).to_be_visible()
    fits_the_phone(maija)
    tab_to(maija, "input[type=radio][value=with_a]")
    maija.keyboard.press("ArrowDown")
    maija.keyboard.press("ArrowDown")  # alternate residence
    tab_to(maija, "[data-testid=view-text]")
    maija.keyboard.type(words["residence"])
    _save_and_share(maija)
    tab_to(maija, "input[type=radio][value=alternate_weeks]")
    maija.keyboard.press("Space")
    _save_and_share(maija)
    tab_to(maija, "[data-testid=view-text]")
    maija.keyboard.type(words["holidays"])
    _go(maija, "[data-testid=save-draft]")
    maija.wait_for_load_state()
    fits_the_phone(maija)

    # Matti's views: the same residence in his own words, a different weekly rhythm.
    _go(matti, "[data-testid=fill-in-b]")
    tab_to(matti, "input[type=radio][value=with_a]")
    matti.keyboard.press("ArrowDown")
    matti.keyboard.press("ArrowDown")
    tab_to(matti, "[data-testid=view-text]")
    matti.keyboard.type(words["residence_b"])
    _save_and_share(matti)
    tab_to(matti, "input[type=radio][value=alternate_weeks]")
    matti.keyboard.press("ArrowDown")  # every other weekend
    _save_and_share(matti)
    fits_the_phone(matti)

    # Before Maija shares her draft, Matti does not see it.
    matti.goto(f"{base}/parenting-plan/{plan.public_id}/together/")
    expect(matti.get_by_test_id("compare-holidays")).not_to_contain_text(words["holidays"])

    maija.goto(f"{base}/parenting-plan/{plan.public_id}/")
    _go(maija, "[data-testid=share-all]")
    _go(maija, "[data-testid=compare-link]")
    fits_the_phone(maija)
    expect(maija.get_by_test_id("compare-residence").get_by_test_id("state")).to_have_text(
        words["same"]
    )
    expect(maija.get_by_test_id("compare-time").get_by_test_id("state")).to_have_text(
        words["different"]
    )
    expect(maija.get_by_test_id("compare-holidays").get_by_test_id("state")).to_have_text(
        words["only_one"]
    )
    expect(maija.get_by_test_id("compare-residence").get_by_test_id("theirs")).to_contain_text(
        words["residence_b"]
    )

    # They agree: the residence starts from what both said; the rest Maija writes.
    residence = maija.get_by_test_id("compare-residence").get_by_test_id("agreed-text")
    assert words["residence"] in residence.input_value()
    for field in maija.get_by_test_id("agreed-text").all():
        if field.input_value():
            continue
        name = field.get_attribute("name")
        tab_to(maija, f"textarea[name='{name}']")
        topic = name.split("-")[0]
        maija.keyboard.type(words["agreed"].format(topic=topic))
    _go(maija, "[data-testid=agree-submit]")
    expect(maija.get_by_test_id("to-accept")).to_be_visible()
    fits_the_phone(maija)

    # Both accept.
    _go(maija, "[data-testid=to-accept]")
    _go(maija, "[data-testid=accept-a]")
    expect(maija.get_by_test_id("acceptances")).to_be_visible()
    matti.goto(f"{base}/parenting-plan/{plan.public_id}/")
    _go(matti, "[data-testid=accept-b]")
    expect(matti.get_by_test_id("agreed")).to_contain_text(words["accepted_all"])
    fits_the_phone(matti)

    # The PDF: in the plan's language, with both parents' acceptance.
    text = _pdf(matti, "[data-testid=pdf-link]")
    assert words["pdf_title"] in text and words["pdf_child"] in text
    assert words["residence"] in text
    assert words["agreed"].format(topic="money") in text
    assert "Maija" in text and "Matti" in text and words["pdf_accepted"] in text

    # Maija sends it to the child welfare supervisor in one step.
    maija.goto(f"{base}/parenting-plan/{plan.public_id}/")
    _go(maija, "[data-testid=send-link]")
    fits_the_phone(maija)
    tab_to(maija, "select[name=service]")
    maija.keyboard.press("ArrowDown")
    assert maija.locator("select[name=service]").input_value() == str(family_law.service.hsds_id)
    tab_to(maija, "textarea[name=about]")
    maija.keyboard.type(words["message"])
    tab_to(maija, "input[name=phone]")
    maija.keyboard.type("040 123 4567")
    tab_to(maija, "input[name=may_leave_message][value=yes]")
    maija.keyboard.press("Space")
    tab_to(maija, "input[name=may_call_any_time][value=any_time]")
    maija.keyboard.press("Space")
    tab_to(maija, "input[name=consent]")
    maija.keyboard.press("Space")
    _go(maija, "[data-testid=send-submit]")
    expect(maija.get_by_test_id("reference")).to_be_visible()
    fits_the_phone(maija)
    request = ContactRequest.objects.get()
    assert maija.get_by_test_id("reference").inner_text() == request.reference
    assert request.queue == family_law.queue

    # The supervisor finds it in her inbox and opens the plan.
    professional_logs_in(lotta_page, live_site, lang, family_law.lotta)
    row = lotta_page.get_by_test_id("inbox-row").filter(has_text=request.reference)
    expect(row).to_be_visible()
    _go(lotta_page, f"a[href$='/staff/inbox/requests/{request.pk}/']")
    about = lotta_page.get_by_test_id("about")
    expect(about).to_contain_text(words["message"])
    received = next(word for word in about.inner_text().split() if "/received/" in word)
    lotta_page.goto(received)
    fits_the_phone(lotta_page)
    text = _pdf(lotta_page, "[data-testid=received-pdf]")
    assert words["pdf_title"] in text and words["residence"] in text
    opened_by = AuditEvent.objects.filter(
        actor_id=str(family_law.lotta.pk), target_type="parenting_plan_sent"
    )
    assert set(opened_by.values_list("action", "outcome")) == {
        ("parenting_plan.read", "allowed"),
        ("parenting_plan.pdf", "allowed"),
    }

    # Retention: the plan nobody saved is deleted; one a parent saved is kept.
    kept = parents_started(lang=lang)
    services.plan_save_to_login(by=kept.first, person=virtanen.mother)
    long_ago = timezone.now() - timedelta(days=120)
    ParentingPlan.objects.update(changed_at=long_ago)
    from perhekeskus.cli import main

    main(["purge-parenting-plans"])
    assert list(ParentingPlan.objects.values_list("pk", flat=True)) == [kept.plan.pk]
    maija.goto(f"{base}/parenting-plan/{plan.public_id}/")
    expect(maija.get_by_test_id("open-form")).to_be_visible()
    # The copy the supervisor received stays with her request.
    assert bytes(request.parenting_plan.pdf).startswith(b"%PDF")
