"""Data maintenance of the catalogue in the admin, the catalogue shipped with the package,
and the demo training records."""

import pytest
from django.test import Client

from perhekeskus.methods.catalogue import catalogue_entries, catalogue_load
from perhekeskus.methods.demo import demo_method_trainings
from perhekeskus.methods.models import EvidenceLevel, EvidenceSource, Method, MethodTraining
from perhekeskus.staff.demo import demo_professionals
from tests.personas import PASSWORD

pytestmark = pytest.mark.django_db


def admin_as(username: str) -> Client:
    client = Client()
    assert client.login(username=username, password=PASSWORD)
    return client


def test_every_shipped_method_is_loaded_with_its_service_types(catalogue):
    assert set(catalogue) == {entry["code"] for entry in catalogue_entries()}
    assert catalogue_load() == 0  # a second load writes nothing
    lp = catalogue["lapset-puheeksi"]
    assert {t.code for t in lp.service_types.all()} >= {"child_health_clinic", "family_work"}
    assert lp.name_sv and lp.name_en and lp.aim_sv and lp.aim_en


def test_no_rating_is_recorded_without_its_source_address_and_date(catalogue):
    for method in catalogue.values():
        assert method.evidence_url.startswith("https://")
        if method.evidence_level == EvidenceLevel.NOT_RATED:
            # "Not rated" says so in words and points to the catalogue to check.
            assert method.evidence_source == EvidenceSource.NONE
            assert "Kasvun tuki" in method.evidence_statement_fi
        else:
            assert method.evidence_source != EvidenceSource.NONE
            assert method.evidence_checked_on is not None
    rated = {m.code for m in catalogue.values() if m.evidence_level != EvidenceLevel.NOT_RATED}
    assert rated == {"voimaperheet", "perhekoulu-pop"}


def test_a_county_maintainer_keeps_her_countys_training_records_only(trained, personas):
    leena = admin_as("leena")
    listing = leena.get("/fi/admin/methods/methodtraining/")
    assert listing.status_code == 200
    hannas = MethodTraining.objects.filter(professional=trained.hanna).first()
    kalles = MethodTraining.objects.get(professional=trained.kalle)
    assert leena.get(f"/fi/admin/methods/methodtraining/{hannas.pk}/change/").status_code == 200
    # Kalle works in Vantaa: not hers, as if it did not exist.
    assert leena.get(f"/fi/admin/methods/methodtraining/{kalles.pk}/change/").status_code == 302
    # Sari maintains only the NGO: Hanna's, not the county's.
    sari = admin_as("sari")
    assert sari.get(f"/fi/admin/methods/methodtraining/{hannas.pk}/change/").status_code == 200
    assert sari.get(f"/fi/admin/methods/methodtraining/{kalles.pk}/change/").status_code == 302
    # The catalogue itself: counties' maintainers edit it, an organisation's only read it.
    theraplay = Method.objects.get(code="theraplay")
    change = f"/fi/admin/methods/method/{theraplay.pk}/change/"
    assert "_save" in leena.get(change).content.decode()
    assert "_save" not in sari.get(change).content.decode()


def test_the_demo_professionals_are_trained(catalogue, network):
    demo_professionals()
    assert demo_method_trainings() == 6
    assert demo_method_trainings() == 6  # brought back, not doubled
    trained = MethodTraining.objects.filter(method__code="lapset-puheeksi")
    assert {t.professional.user.username for t in trained} == {"hanna", "mikael"}
    assert MethodTraining.objects.filter(organisation=network.ngo).count() == 1
    assert MethodTraining.objects.count() == 6
