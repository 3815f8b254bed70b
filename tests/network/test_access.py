"""Who may maintain which network data."""

import pytest

from perhekeskus.errors import NotFound, StaleEdit
from perhekeskus.network import access, services
from perhekeskus.network.models import ChangeRecord, Service, Site


def test_each_maintainer_sees_only_their_own_scope(network, personas):
    def visible(user):
        return set(access.scoped(user, Service.objects.all()))

    assert visible(personas.sari) == {network.family_cafe}
    assert visible(personas.leena) == {
        network.child_health_clinic,
        network.family_cafe,
        network.draft_service,
    }
    assert visible(personas.veera) == {network.vantaa_family_work}
    assert visible(personas.aino) == set()
    assert visible(personas.olli) == set(Service.objects.all())


def test_ngo_maintainer_cannot_edit_the_county_clinic_and_it_looks_missing(network, personas):
    clinic = network.child_health_clinic
    clinic.name_fi = "Kaapattu"
    with pytest.raises(NotFound):
        services.network_object_save(obj=clinic, actor=personas.sari)
    clinic.refresh_from_db()
    assert clinic.name_fi == "Lastenneuvola, Leppävaara"
    assert not ChangeRecord.objects.filter(object_id=str(clinic.pk)).exists()


def test_a_maintainer_cannot_create_a_site_for_another_organisation(network, personas):
    site = Site(
        kind=Site.Kind.MEETING_PLACE,
        name_fi="Vieras",
        name="Vieras",
        operator=network.vantaa_org,
        municipality=network.vantaa,
    )
    with pytest.raises(NotFound):
        services.network_object_save(obj=site, actor=personas.sari)
    assert not Site.objects.filter(name_fi="Vieras").exists()


def test_an_edit_is_recorded_with_old_and_new_values(network, personas):
    cafe = network.family_cafe
    cafe.name_fi = "Perhekahvila Kupla, Leppävaara"
    services.network_object_save(obj=cafe, actor=personas.sari)
    record = ChangeRecord.objects.get(object_id=str(cafe.pk), action="change")
    assert record.actor == personas.sari
    assert record.changes["name_fi"] == ["Perhekahvila Kupla", "Perhekahvila Kupla, Leppävaara"]


def test_a_stale_edit_is_refused_and_the_first_save_stands(network, personas):
    first = Service.objects.get(pk=network.family_cafe.pk)
    second = Service.objects.get(pk=network.family_cafe.pk)
    first.summary_fi = "Avoinna tiistaisin"
    services.network_object_save(obj=first, actor=personas.sari)
    second.summary_fi = "Avoinna keskiviikkoisin"
    with pytest.raises(StaleEdit):
        services.network_object_save(obj=second, actor=personas.leena)
    assert Service.objects.get(pk=first.pk).summary_fi == "Avoinna tiistaisin"
