"""Who records whose training: a professional their own; their organisation's coordinator and
network maintainers for them and for the organisation as a whole; nobody else, and a refusal
looks like a record that does not exist."""

from datetime import timedelta

import pytest
from django.utils import timezone

from perhekeskus.errors import InvalidInput, NotFound
from perhekeskus.methods.models import MethodTraining
from perhekeskus.methods.services import training_record, training_remove
from perhekeskus.network.models import MaintainerRole
from tests.families.html import parse
from tests.methods.conftest import as_, years_ago

pytestmark = pytest.mark.django_db

TRAINING = "/fi/workspace/methods/training/"


def test_aino_records_her_own_training_and_the_method_page_says_so(trained):
    aino = as_(trained.aino)
    theraplay = trained.method("theraplay")
    form = parse(aino.get(TRAINING, {"method": "theraplay"}))
    chosen = form.by_id("id_method").find_all("option", selected="")
    assert [option.get("value") for option in chosen] == [str(theraplay.pk)]

    response = aino.post(
        TRAINING,
        {
            "method": theraplay.pk,
            "holder": "me",
            "trained_on": years_ago(1).isoformat(),
            "certificate": "Level One",
        },
    )
    assert response.status_code == 302
    record = MethodTraining.objects.get(method=theraplay, professional=trained.aino)
    assert record.certificate == "Level One" and record.recorded_by == trained.aino
    listed = parse(aino.get(response["Location"]))
    assert "Koulutus kirjattiin." in listed.one("messages").text
    assert "Theraplay" in listed.one("records").text
    page = parse(aino.get("/fi/workspace/methods/theraplay/"))
    assert "Level One" in page.one("my-training").text


def test_recording_again_renews_the_same_record(trained):
    lp = trained.method("lapset-puheeksi")
    renewed = training_record(
        by=trained.hanna,
        method=lp,
        professional=trained.hanna,
        trained_on=years_ago(0),
        certificate="LP-neuvonpito",
    )
    assert MethodTraining.objects.filter(method=lp, professional=trained.hanna).count() == 1
    assert renewed.certificate == "LP-neuvonpito"


def test_dates_that_cannot_be_are_refused_keeping_what_was_typed(trained):
    aino = as_(trained.aino)
    future = timezone.localdate() + timedelta(days=3)
    response = aino.post(
        TRAINING,
        {"method": trained.method("theraplay").pk, "holder": "me", "trained_on": future},
    )
    assert response.status_code == 400
    page = parse(response)
    assert "Koulutuspäivä ei voi olla tulevaisuudessa." in page.one("error-summary").text
    assert page.by_id("id_trained_on").get("value") == future.isoformat()

    backwards = aino.post(
        TRAINING,
        {
            "method": trained.method("theraplay").pk,
            "holder": "me",
            "trained_on": years_ago(1).isoformat(),
            "valid_until": years_ago(2).isoformat(),
        },
    )
    assert backwards.status_code == 400
    assert "ei voi vanhentua ennen koulutusta" in parse(backwards).one("error-summary").text
    assert not MethodTraining.objects.filter(professional=trained.aino).exists()


def test_a_colleague_may_not_record_anothers_training(trained):
    # Aino is no coordinator: Hanna (another organisation) and Maija (her own) are not hers.
    for other in (trained.hanna, trained.maija):
        with pytest.raises(NotFound):
            training_record(
                by=trained.aino,
                method=trained.method("theraplay"),
                professional=other,
                trained_on=years_ago(1),
            )
    with pytest.raises(NotFound):
        training_record(
            by=trained.aino,
            method=trained.method("theraplay"),
            organisation=trained.network.county_org,
            trained_on=years_ago(1),
        )
    # The page does not even offer them, and refuses them when posted.
    aino = as_(trained.aino)
    holders = [
        o.get("value") for o in parse(aino.get(TRAINING)).by_id("id_holder").find_all("option")
    ]
    assert holders == ["me"]
    response = aino.post(
        TRAINING,
        {
            "method": trained.method("theraplay").pk,
            "holder": f"professional:{trained.hanna.pk}",
            "trained_on": years_ago(1).isoformat(),
        },
    )
    assert response.status_code == 400
    assert not MethodTraining.objects.filter(method=trained.method("theraplay")).exists()


def test_the_coordinator_records_for_her_people_and_her_organisation_only(trained):
    maija = as_(trained.maija)
    holders = {
        o.get("value") for o in parse(maija.get(TRAINING)).by_id("id_holder").find_all("option")
    }
    assert f"professional:{trained.aino.pk}" in holders
    assert f"organisation:{trained.network.county_org.pk}" in holders
    assert f"professional:{trained.hanna.pk}" not in holders

    for holder in (
        f"professional:{trained.aino.pk}",
        f"organisation:{trained.network.county_org.pk}",
    ):
        response = maija.post(
            TRAINING,
            {
                "method": trained.method("neuvokas-perhe").pk,
                "holder": holder,
                "trained_on": years_ago(1).isoformat(),
            },
        )
        assert response.status_code == 302
    assert MethodTraining.objects.filter(
        method=trained.method("neuvokas-perhe"), professional=trained.aino
    ).exists()
    assert MethodTraining.objects.filter(
        method=trained.method("neuvokas-perhe"), organisation=trained.network.county_org
    ).exists()
    with pytest.raises(NotFound):
        training_record(
            by=trained.maija,
            method=trained.method("neuvokas-perhe"),
            professional=trained.kalle,
            trained_on=years_ago(1),
        )
    # Her list shows her organisation's records, not Hanna's at the NGO.
    rows = [row.text for row in parse(maija.get(TRAINING)).by_testid("record")]
    assert any("Aino" in text for text in rows)
    assert not any("Hanna" in text for text in rows)


def test_a_network_maintainer_of_the_organisation_keeps_its_records(trained):
    # Kalle maintains the NGO's network data: he may record for Hanna and for the NGO.
    MaintainerRole.objects.create(user=trained.kalle.user, organisation=trained.network.ngo)
    record = training_record(
        by=trained.kalle,
        method=trained.method("theraplay"),
        professional=trained.hanna,
        trained_on=years_ago(1),
    )
    assert record.recorded_by == trained.kalle
    training_remove(by=trained.kalle, training_id=record.pk)
    assert not MethodTraining.objects.filter(pk=record.pk).exists()


def test_only_the_keeper_may_remove_a_record(trained):
    kalles = MethodTraining.objects.get(professional=trained.kalle)
    # Hanna and Aino may not; the answer is the same as for a record that does not exist.
    for stranger in (trained.hanna, trained.aino):
        assert as_(stranger).post(f"{TRAINING}{kalles.pk}/remove/").status_code == 404
    assert as_(trained.hanna).post(f"{TRAINING}999999/remove/").status_code == 404
    assert MethodTraining.objects.filter(pk=kalles.pk).exists()
    # Kalle may.
    response = as_(trained.kalle).post(f"{TRAINING}{kalles.pk}/remove/")
    assert response.status_code == 302
    assert not MethodTraining.objects.filter(pk=kalles.pk).exists()


def test_removing_takes_a_post(trained):
    kalles = MethodTraining.objects.get(professional=trained.kalle)
    assert as_(trained.kalle).get(f"{TRAINING}{kalles.pk}/remove/").status_code == 405


def test_a_holder_is_one_professional_or_one_organisation(trained):
    with pytest.raises(InvalidInput):
        training_record(
            by=trained.maija,
            method=trained.method("theraplay"),
            professional=trained.aino,
            organisation=trained.network.county_org,
            trained_on=years_ago(1),
        )
