"""Data maintenance in the admin: who sees what, history beside the object, stale edits refused,
verification, duplicate and area-band warnings."""

from datetime import date, timedelta
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from perhekeskus.errors import StaleEdit
from perhekeskus.network import services
from perhekeskus.network.models import Activity, ApiToken, ChangeRecord, Organisation, Service, Site


def admin_url(name: str, *args: Any, lang: str = "en") -> str:
    with translation.override(lang):
        return reverse(f"admin:{name}", args=args)


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def form_data(response) -> dict[str, Any]:
    """What the browser would send back for the form as the page showed it."""
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms.append(inline.formset.management_form)
        forms.extend(inline.formset.forms)
    data: dict[str, Any] = {}
    for form in forms:
        for bound in form:
            value = bound.value()
            if value is None or value is False:
                continue
            data[bound.html_name] = value if isinstance(value, list) else str(value)
    return data


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


MODELS = {
    "service": Service,
    "site": Site,
    "activity": Activity,
    "organisation": Organisation,
}

# Who sees which objects in the changelists, by the names the fixture gives them.
VISIBLE = {
    "leena": {
        "service": {"child_health_clinic", "family_cafe", "draft_service"},
        "site": {"family_centre", "meeting_place"},
        "activity": {"cafe_activity"},
        "organisation": {"county_org", "ngo"},
    },
    "sari": {
        "service": {"family_cafe"},
        "site": {"meeting_place"},
        "activity": {"cafe_activity"},
        "organisation": {"ngo"},
    },
    "veera": {
        "service": {"vantaa_family_work"},
        "site": {"vantaa_site"},
        "activity": set(),
        "organisation": {"vantaa_org"},
    },
    "olli": {
        "service": {"child_health_clinic", "family_cafe", "draft_service", "vantaa_family_work"},
        "site": {"family_centre", "meeting_place", "vantaa_site"},
        "activity": {"cafe_activity"},
        "organisation": {"county_org", "ngo", "vantaa_org"},
    },
}


@pytest.mark.parametrize("persona", sorted(VISIBLE))
@pytest.mark.parametrize("model", sorted(MODELS))
def test_each_maintainer_sees_only_their_scope_in_the_lists(network, personas, persona, model):
    response = client_for(getattr(personas, persona)).get(admin_url(f"network_{model}_changelist"))
    assert response.status_code == 200
    shown = set(response.context["cl"].result_list)
    assert shown == {getattr(network, name) for name in VISIBLE[persona][model]}


@pytest.mark.parametrize("model", sorted(MODELS))
def test_staff_member_without_a_role_sees_no_network_data(network, personas, model):
    client = client_for(personas.aino)
    index = client.get(admin_url("index"))
    assert index.status_code == 200
    assert index.context["app_list"] == []
    assert client.get(admin_url(f"network_{model}_changelist")).status_code == 403
    some_object = MODELS[model].objects.first()
    assert client.get(admin_url(f"network_{model}_change", some_object.pk)).status_code == 403
    assert client.get(admin_url(f"network_{model}_add")).status_code == 403


def test_ngo_maintainer_cannot_open_or_change_the_county_clinic(network, personas):
    clinic = network.child_health_clinic
    client = client_for(personas.sari)
    url = admin_url("network_service_change", clinic.pk)

    response = client.get(url, follow=True)
    assert response.redirect_chain[-1][0] == admin_url("index")
    assert any("doesn’t exist" in message for message in messages_of(response))

    response = client.post(url, {"name_fi": "Kaapattu", "organisation": network.ngo.pk})
    assert response.status_code == 302
    clinic.refresh_from_db()
    assert clinic.name_fi == "Lastenneuvola, Leppävaara"
    assert not ChangeRecord.objects.filter(object_id=str(clinic.pk)).exists()


def test_ngo_maintainer_is_offered_only_her_own_organisation(network, personas):
    client = client_for(personas.sari)
    form = client.get(admin_url("network_service_add")).context["adminform"].form
    assert list(form.fields["organisation"].queryset) == [network.ngo]
    site_form = client.get(admin_url("network_site_add")).context["adminform"].form
    assert list(site_form.fields["operator"].queryset) == [network.ngo]


def test_ngo_maintainer_cannot_create_a_service_for_the_county(network, personas):
    client = client_for(personas.sari)
    data = form_data(client.get(admin_url("network_service_add")))
    data.update(
        organisation=network.county_org.pk,
        name_fi="Vieras palvelu",
        service_types=[network.family_cafe.service_types.first().pk],
    )
    response = client.post(admin_url("network_service_add"), data)
    assert response.status_code == 200
    assert "organisation" in response.context["adminform"].form.errors
    assert not Service.objects.filter(name_fi="Vieras palvelu").exists()


def test_an_edit_is_kept_with_old_and_new_values_beside_the_object(network, personas):
    cafe = network.family_cafe
    client = client_for(personas.sari)
    url = admin_url("network_service_change", cafe.pk)
    data = form_data(client.get(url))
    data["name_sv"] = "Familjecafé Bubblan i Alberga"
    data["channels"] = ["in_person", "chat"]
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors

    cafe.refresh_from_db()
    assert cafe.name_sv == "Familjecafé Bubblan i Alberga"
    assert cafe.channels == ["in_person", "chat"]
    record = ChangeRecord.objects.get(object_id=str(cafe.pk), action="change")
    assert record.actor == personas.sari
    assert record.changes["name_sv"] == ["Familjecafé Bubblan", "Familjecafé Bubblan i Alberga"]

    page = client.get(url).content.decode()
    history_part = page[page.index('id="change-history-heading"') :]
    assert "Familjecafé Bubblan i Alberga" in history_part
    assert "name [sv]" in history_part
    assert "Sari" in history_part
    history = client.get(admin_url("network_service_history", cafe.pk)).content.decode()
    assert "Familjecafé Bubblan i Alberga" in history


def test_inline_and_many_to_many_changes_are_in_the_history(network, personas):
    site = network.meeting_place
    client = client_for(personas.sari)
    url = admin_url("network_site_change", site.pk)
    data = form_data(client.get(url))
    data.update(
        {
            "opening_hours-TOTAL_FORMS": "1",
            "opening_hours-0-weekday": "1",
            "opening_hours-0-opens": "09:00",
            "opening_hours-0-closes": "12:00",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    record = ChangeRecord.objects.get(object_id=str(site.pk), action="change")
    old, new = record.changes["opening_hours"]
    assert old == [] and len(new) == 1


def test_a_service_at_a_site_gets_hours_of_its_own(network, personas):
    # The family café service keeps its own hours at the meeting place, apart from the site's.
    link = network.family_cafe.at_sites.get()
    client = client_for(personas.sari)
    url = admin_url("network_serviceatsite_change", link.pk)
    data = form_data(client.get(url))
    data.update(
        {
            "opening_hours-TOTAL_FORMS": "1",
            "opening_hours-0-weekday": "1",
            "opening_hours-0-opens": "10:00",
            "opening_hours-0-closes": "12:00",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    hours = link.opening_hours.get()
    assert (hours.weekday, f"{hours.opens:%H:%M}") == (1, "10:00")
    assert hours.site is None
    assert ChangeRecord.objects.filter(object_id=str(link.pk), action="change").exists()


def test_ngo_maintainer_cannot_open_the_clinics_hours_at_its_site(network, personas):
    clinic_link = network.child_health_clinic.at_sites.get()
    response = client_for(personas.sari).get(
        admin_url("network_serviceatsite_change", clinic_link.pk)
    )
    assert response.status_code == 302
    assert (
        not client_for(personas.sari)
        .get(admin_url("network_serviceatsite_changelist"))
        .context["cl"]
        .result_list.filter(pk=clinic_link.pk)
    )


def test_a_stale_edit_is_refused_and_what_was_typed_is_kept(network, personas):
    cafe = network.family_cafe
    sari = client_for(personas.sari)
    url = admin_url("network_service_change", cafe.pk)
    data = form_data(sari.get(url))

    # Leena saves the same service while Sari is still typing.
    leenas = Service.objects.get(pk=cafe.pk)
    leenas.summary_fi = "Leenan muutos"
    services.network_object_save(obj=leenas, actor=personas.leena)

    data["summary_fi"] = "Sarin muutos"
    response = sari.post(url, data)
    assert response.status_code == 200
    page = response.content.decode()
    with translation.override("en"):
        assert str(StaleEdit.default_message) in page
    assert 'value="Sarin muutos"' in page
    assert Service.objects.get(pk=cafe.pk).summary_fi == "Leenan muutos"


def test_needs_verification_lists_unverified_published_services_not_drafts(network, personas):
    long_ago = timezone.localdate() - timedelta(days=400)
    Service.objects.filter(pk__in=[network.family_cafe.pk, network.draft_service.pk]).update(
        last_verified_at=long_ago
    )
    client = client_for(personas.leena)
    response = client.get(admin_url("network_service_needs_verification"), follow=True)
    assert set(response.context["cl"].result_list) == {network.family_cafe}
    assert "Services needing verification" in response.content.decode()
    index = client.get(admin_url("index")).content.decode()
    assert admin_url("network_service_needs_verification") in index


def test_mark_as_verified_today_action_and_button(network, personas):
    Service.objects.filter(pk=network.family_cafe.pk).update(last_verified_at=date(2020, 1, 1))
    client = client_for(personas.leena)
    response = client.post(
        admin_url("network_service_changelist"),
        {"action": "mark_verified", "_selected_action": [network.family_cafe.pk]},
    )
    assert response.status_code == 302
    cafe = Service.objects.get(pk=network.family_cafe.pk)
    assert cafe.last_verified_at == timezone.localdate()
    assert cafe.last_verified_by == personas.leena

    Service.objects.filter(pk=network.child_health_clinic.pk).update(last_verified_at=None)
    page = client.get(admin_url("network_service_change", network.child_health_clinic.pk))
    verify_url = admin_url("network_service_verify", network.child_health_clinic.pk)
    assert verify_url in page.content.decode()
    client.post(verify_url)
    assert Service.objects.get(pk=network.child_health_clinic.pk).last_verified_at == (
        timezone.localdate()
    )


def test_ngo_maintainer_cannot_verify_the_county_clinic(network, personas):
    Service.objects.filter(pk=network.child_health_clinic.pk).update(last_verified_at=None)
    client_for(personas.sari).post(
        admin_url("network_service_verify", network.child_health_clinic.pk)
    )
    assert Service.objects.get(pk=network.child_health_clinic.pk).last_verified_at is None


def test_likely_duplicate_service_warns_and_saves_only_when_confirmed(network, personas):
    client = client_for(personas.sari)
    url = admin_url("network_service_add")
    data = form_data(client.get(url))
    data.update(
        organisation=network.ngo.pk,
        name_fi="Perhekahvila Kupla",
        summary_fi="Uusi kuvaus",
        service_types=[network.family_cafe.service_types.first().pk],
    )
    response = client.post(url, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "looks like a duplicate" in page
    assert 'name="save_anyway"' in page and 'type="checkbox"' in page
    assert 'value="Uusi kuvaus"' in page
    assert Service.objects.filter(name_fi="Perhekahvila Kupla").count() == 1

    data["save_anyway"] = "on"
    response = client.post(url, data)
    assert response.status_code == 302
    assert Service.objects.filter(name_fi="Perhekahvila Kupla").count() == 2
    created = Service.objects.get(summary_fi="Uusi kuvaus")
    assert ChangeRecord.objects.filter(object_id=str(created.pk), action="create").exists()


def test_site_at_the_same_address_warns(network, personas):
    client = client_for(personas.leena)
    url = admin_url("network_site_add")
    data = form_data(client.get(url))
    data.update(
        kind="service_point",
        name_fi="Uusi toimipiste",
        operator=network.county_org.pk,
        municipality=network.espoo.pk,
        street_address_fi="Hevosenkenkä 3",
        postal_code="02600",
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors.keys() == {"__all__"}
    assert network.family_centre.name_en in response.content.decode()
    assert not Site.objects.filter(name_fi="Uusi toimipiste").exists()


def test_saving_an_area_outside_the_population_band_warns(network, personas):
    area = network.espoo_area
    client = client_for(personas.leena)
    url = admin_url("network_area_change", area.pk)
    data = form_data(client.get(url))
    data["municipalities"] = [network.espoo.pk]
    response = client.post(url, data, follow=True)
    area.refresh_from_db()
    assert area.population == network.espoo.population
    assert any("outside the family centre model" in m for m in messages_of(response))


def test_ngo_maintainer_does_not_draw_areas(network, personas):
    client = client_for(personas.sari)
    assert client.get(admin_url("network_area_changelist")).status_code == 403


def test_admin_speaks_swedish(network, personas):
    client = client_for(personas.leena)
    response = client.get(admin_url("index", lang="sv"))
    page = response.content.decode()
    assert '<html lang="sv"' in page
    assert "Tjänster" in page
    assert "Verksamhetsställen" in page
    assert "Perhekeskus – underhåll" in page


def test_admin_speaks_finnish(network, personas):
    page = client_for(personas.leena).get(admin_url("index", lang="fi")).content.decode()
    assert "Palvelut" in page
    assert "Perhekeskus – ylläpito" in page


def test_maintainer_creates_an_api_token_and_sees_it_only_once(network, personas):
    client = client_for(personas.sari)
    response = client.post(admin_url("network_apitoken_add"), {"name": "Kupla sync"}, follow=True)
    token = ApiToken.objects.get(name="Kupla sync")
    assert token.user == personas.sari
    shown = [m for m in messages_of(response) if "not shown again" in m]
    assert len(shown) == 1
    plaintext = shown[0].rsplit(": ", 1)[1]
    assert token.prefix in plaintext and token.key_hash != plaintext
    assert plaintext not in client.get(admin_url("network_apitoken_changelist")).content.decode()
    assert (
        client_for(personas.leena)
        .get(admin_url("network_apitoken_changelist"))
        .context["cl"]
        .result_list.count()
        == 0
    )


def test_only_the_administrator_manages_maintainer_roles(network, personas):
    assert (
        client_for(personas.leena).get(admin_url("network_maintainerrole_changelist")).status_code
        == 403
    )
    assert (
        client_for(personas.olli).get(admin_url("network_maintainerrole_changelist")).status_code
        == 200
    )


def test_finnish_comes_first_among_the_translations(network, personas):
    page = client_for(personas.sari).get(
        admin_url("network_service_change", network.family_cafe.pk, lang="fi")
    )
    html = page.content.decode()
    assert (
        html.index('name="name_fi"') < html.index('name="name_sv"') < html.index('name="name_en"')
    )


def test_the_admins_scripts_speak_finnish(client):
    # Django's own Finnish catalogue lacks the many-to-many chooser's strings; ours fills them.
    catalogue = client.get("/fi/admin/jsi18n/").content.decode()
    assert "Valitse kaikki %s" in catalogue
    # (The catalogue is JSON with non-ASCII letters escaped.)
    assert "V\\u00e4lj alla %s" in client.get("/sv/admin/jsi18n/").content.decode()
