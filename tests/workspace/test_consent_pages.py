"""Consents on the family page: a consent recorded for a member, as given by whoever decides
for them, revoked with immediate effect; and a child recorded as deciding for themself, whose
own consent then counts, refusing the guardians if they so decide."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from perhekeskus.audit.models import AuditEvent
from perhekeskus.consent.access import consent_covers, deciders_for, guardians_may_see
from perhekeskus.consent.models import ChildSelfDetermination, Consent, DataCategory, Purpose
from tests.families.html import parse
from tests.professionals import login_professional

pytestmark = pytest.mark.django_db


def family_url(around, suffix: str = "", lang: str = "fi") -> str:
    return f"/{lang}/workspace/families/{around.virtanen.family.pk}/{suffix}"


def consent_data(around, **overrides) -> dict:
    data = {
        "person": around.virtanen.teen.pk,
        "given_by": around.virtanen.mother.pk,
        "categories": [DataCategory.BASIC, DataCategory.CONTACT],
        "recipient": around.vantaa.pk,
        "purpose": Purpose.REFERRAL,
        "valid_until": (timezone.localdate() + timedelta(days=90)).isoformat(),
    }
    return data | overrides


def test_aino_records_a_mothers_consent_for_liisa_and_revokes_it_at_once(client, around):
    login_professional(client, around.aino)
    response = client.post(family_url(around, "consents/"), consent_data(around))
    assert response.status_code == 302 and response["Location"] == family_url(around)
    teen = around.virtanen.teen
    assert consent_covers(
        person=teen,
        category=DataCategory.CONTACT,
        recipient_id=around.vantaa.pk,
        purpose=Purpose.REFERRAL,
    )
    rows = parse(client.get(family_url(around))).by_testid("consent")
    assert len(rows) == 2 and "Liisa" in rows[0].text and str(around.vantaa) in rows[0].text

    consent = Consent.objects.get(person=teen, category=DataCategory.CONTACT)
    client.post(family_url(around, f"consents/{consent.pk}/revoke/"))
    assert not consent_covers(
        person=teen,
        category=DataCategory.CONTACT,
        recipient_id=around.vantaa.pk,
        purpose=Purpose.REFERRAL,
    )
    page = parse(client.get(family_url(around)))
    assert len(page.by_testid("consent-revoked")) == 1
    assert "Sen perusteella ei enää jaeta mitään" in page.one("messages").text


def test_a_consent_from_someone_who_does_not_decide_is_refused_with_the_typed_values(
    client, around
):
    login_professional(client, around.aino)
    response = client.post(
        family_url(around, "consents/"),
        consent_data(around, given_by=around.virtanen.teen.pk),  # Liisa, 14, does not decide
    )
    assert response.status_code == 400
    assert not Consent.objects.exists()
    page = parse(response)
    assert "huoltaja" in page.one("error-summary").text
    selected = [
        o.get("value")
        for o in page.by_id("id_given_by").find_all("option")
        if o.get("selected") is not None
    ]
    assert selected == [str(around.virtanen.teen.pk)]


def test_a_consent_that_has_already_ended_is_refused(client, around):
    login_professional(client, around.aino)
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = client.post(
        family_url(around, "consents/"), consent_data(around, valid_until=yesterday)
    )
    assert response.status_code == 400
    assert not Consent.objects.exists()


def test_liisa_decides_for_herself_and_refuses_her_guardians(client, around):
    login_professional(client, around.aino)
    missing = client.post(
        family_url(around, "self-determination/"),
        {"child": around.virtanen.teen.pk, "category": DataCategory.HEALTH, "reason": ""},
    )
    assert missing.status_code == 400
    assert not ChildSelfDetermination.objects.exists()

    response = client.post(
        family_url(around, "self-determination/"),
        {
            "child": around.virtanen.teen.pk,
            "category": DataCategory.HEALTH,
            "reason": "Liisa ymmärtää asian merkityksen ja haluaa päättää itse.",
            "refuses_guardians": "on",
        },
    )
    assert response.status_code == 302
    teen = around.virtanen.teen
    assert deciders_for(teen, DataCategory.HEALTH) == [teen]
    assert not guardians_may_see(teen, DataCategory.HEALTH)
    [record] = parse(client.get(family_url(around))).by_testid("self-determination")
    assert "Liisa" in record.text

    # Now Liisa's own consent counts and her mother's does not.
    mother_gives = client.post(
        family_url(around, "consents/"),
        consent_data(around, categories=[DataCategory.HEALTH]),
    )
    assert mother_gives.status_code == 400
    liisa_gives = client.post(
        family_url(around, "consents/"),
        consent_data(around, categories=[DataCategory.HEALTH], given_by=teen.pk),
    )
    assert liisa_gives.status_code == 302


def test_another_organisation_cannot_record_or_revoke_consents(client, around):
    around.consent([around.virtanen.teen], [DataCategory.BASIC])
    consent = Consent.objects.get()
    login_professional(client, around.hanna)
    assert client.post(family_url(around, "consents/"), consent_data(around)).status_code == 404
    revoke = client.post(family_url(around, f"consents/{consent.pk}/revoke/"))
    assert revoke.status_code == 404
    child = client.post(
        family_url(around, "self-determination/"),
        {"child": around.virtanen.teen.pk, "category": "health", "reason": "x"},
    )
    assert child.status_code == 404
    consent.refresh_from_db()
    assert consent.revoked_at is None and Consent.objects.count() == 1
    assert (
        AuditEvent.objects.filter(
            actor_id=str(around.hanna.pk), outcome=AuditEvent.Outcome.DENIED
        ).count()
        >= 3
    )


def test_the_consent_forms_render_in_swedish(client, around):
    login_professional(client, around.aino)
    page = parse(client.get(family_url(around, lang="sv")))
    assert page.one("consent-new-link") and page.one("self-determination-form")
    assert "Samtycken" in [h.text.strip() for h in page.find_all("h2")]
    form = parse(client.get(family_url(around, "consents/", lang="sv")))
    assert form.one("consent-form")
    assert form.find_all("h1")[0].text.strip() == "Registrera ett samtycke"
    assert Client().get(family_url(around, lang="sv")).status_code == 302
    assert Client().get(family_url(around, "consents/", lang="sv")).status_code == 302


# --- Recording a consent on its own page ------------------------------------------------------


def offered(page) -> dict[str, list[str]]:
    """The recipient list's groups and the organisations in each."""
    select = page.by_id("id_recipient")
    return {
        group.get("label"): [option.text.strip() for option in group.find_all("option")]
        for group in select.find_all("optgroup")
    }


def test_the_family_page_leads_to_recording_a_consent_on_its_own_page(client, around):
    login_professional(client, around.aino)
    family = parse(client.get(family_url(around)))
    assert not family.by_testid("consent-form")
    link = family.one("consent-new-link")
    assert link.get("href") == family_url(around, "consents/")

    page = parse(client.get(link.get("href")))
    assert page.one("consent-form") and page.one("safety")
    people = [o.text.strip() for o in page.by_id("id_person").find_all("option")]
    assert "Liisa Virtanen" in " ".join(people)


def test_the_recipients_offered_are_the_familys_and_the_countys_organisations_first(client, around):
    login_professional(client, around.aino)
    county, ngo = around.aino.organisation, around.hanna.organisation
    groups = offered(parse(client.get(family_url(around, "consents/"))))
    assert groups["Perheen organisaatiot"] == [county.name]
    assert ngo.name in groups[str(county.county)]
    # Vantaa is in another county and has nothing to do with the family yet: on request.
    assert around.vantaa.name not in str(groups)

    every = parse(client.get(family_url(around, "consents/") + "?all=1"))
    assert around.vantaa.name in offered(every)["Muut organisaatiot"]
    assert not every.by_testid("recipients-all")


def test_an_organisation_named_in_the_familys_referrals_is_among_its_own(client, around):
    around.consented_referral()
    login_professional(client, around.aino)
    groups = offered(parse(client.get(family_url(around, "consents/"))))
    assert around.vantaa.name in groups["Perheen organisaatiot"]


def test_a_refused_consent_is_shown_again_on_its_page_with_the_organisation_chosen(client, around):
    login_professional(client, around.aino)
    # Vantaa was chosen from the whole list; the consent is refused for another reason.
    response = client.post(family_url(around, "consents/"), consent_data(around, purpose=""))
    assert response.status_code == 400
    page = parse(response)
    assert page.one("consent-form") and page.one("error-summary")
    chosen = [
        o.text.strip()
        for o in page.by_id("id_recipient").find_all("option")
        if o.get("selected") is not None
    ]
    assert chosen == [around.vantaa.name]


def test_another_organisation_cannot_open_the_consent_page(client, around):
    login_professional(client, around.hanna)
    assert client.get(family_url(around, "consents/")).status_code == 404
    assert AuditEvent.objects.filter(
        actor_id=str(around.hanna.pk),
        target_id=str(around.virtanen.family.pk),
        outcome=AuditEvent.Outcome.DENIED,
    ).exists()
