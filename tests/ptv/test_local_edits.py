"""What maintainers did here survives a re-import: their edits are not overwritten without a
word, a clash with a change in PTV is reported and listed until someone decides, and what
they added (types, activities, areas, a site's kind) stays."""

from datetime import date, time

import pytest

from perhekeskus.errors import NotFound
from perhekeskus.network.models import (
    Activity,
    Service,
    ServiceType,
    Site,
)
from perhekeskus.network.services import network_object_save
from perhekeskus.ptv.models import ClassificationMapping, Conflict, ImportRun
from perhekeskus.ptv.selectors import services_without_type, unmapped_codes
from perhekeskus.ptv.services import conflict_keep_ours, conflict_take_ptv, ptv_import_files
from tests.ptv.conftest import HELPLINE, NEUVOLA, PORVOO

pytestmark = pytest.mark.django_db


def run_import(documents):
    run, report = ptv_import_files(paths=[documents.directory])
    assert run.status == ImportRun.Status.SUCCEEDED, run.report
    return run, report


def edit_here(obj, actor, **values):
    """A maintainer's edit in the admin (same service as the admin uses)."""
    for name, value in values.items():
        setattr(obj, name, value)
    return network_object_save(obj=obj, actor=actor)


def test_a_local_edit_survives_a_reimport_and_the_clash_is_reported(documents, personas):
    run_import(documents)
    site = Site.objects.get(ptv_id=PORVOO)
    edit_here(site, personas.olli, phone="+358 195201111")

    # PTV changes something else: our phone stays, nothing to report.
    with documents.edit("channels.json", PORVOO) as channel:
        channel["serviceChannelDescriptions"][0]["value"] = "Neuvola ja perheneuvola."
    _run, report = run_import(documents)
    site.refresh_from_db()
    assert site.phone == "+358 195201111"
    assert site.description_fi == "Neuvola ja perheneuvola."
    assert report.conflicts == []

    # PTV changes the phone too: ours is kept, and the difference is reported.
    with documents.edit("channels.json", PORVOO) as channel:
        channel["phoneNumbers"][0]["number"] = "195203333"
    run, report = run_import(documents)
    site.refresh_from_db()
    assert site.phone == "+358 195201111"
    assert report.conflicts == [
        {
            "kind": "site",
            "ptv_id": PORVOO,
            "name": "Porvoon perhekeskus",
            "field": "phone",
            "ours": "+358 195201111",
            "ptv": "+358 195203333",
            "new": True,
        }
    ]
    assert report.counts["site"]["conflicts"] == 1
    assert 'phone: meillä "+358 195201111", PTV:ssä "+358 195203333"' in run.report
    conflict = Conflict.objects.get(resolved_at__isnull=True)
    assert (conflict.field, conflict.first_seen) == ("phone", run)

    # Still listed on the next run, not duplicated.
    _run, report = run_import(documents)
    assert [c["new"] for c in report.conflicts] == [False]
    assert Conflict.objects.count() == 1


def test_taking_ptvs_value_settles_the_conflict(documents, personas):
    run_import(documents)
    site = Site.objects.get(ptv_id=PORVOO)
    edit_here(site, personas.olli, phone="+358 195201111")
    with documents.edit("channels.json", PORVOO) as channel:
        channel["phoneNumbers"][0]["number"] = "195203333"
    run_import(documents)
    conflict = Conflict.objects.get()

    conflict_take_ptv(conflict=conflict, actor=personas.olli)

    site.refresh_from_db()
    assert site.phone == "+358 195203333"
    conflict.refresh_from_db()
    assert conflict.resolution == Conflict.Resolution.PTV
    assert conflict.resolved_by == personas.olli
    _run, report = run_import(documents)
    assert report.conflicts == []
    assert report.counts["site"]["unchanged"] == 3


def test_keeping_ours_is_asked_again_only_when_ptv_changes_again(documents, personas):
    run_import(documents)
    site = Site.objects.get(ptv_id=PORVOO)
    edit_here(site, personas.olli, phone="+358 195201111")
    with documents.edit("channels.json", PORVOO) as channel:
        channel["phoneNumbers"][0]["number"] = "195203333"
    run_import(documents)

    conflict_keep_ours(conflict=Conflict.objects.get(), actor=personas.olli)

    _run, report = run_import(documents)
    assert report.conflicts == []
    site.refresh_from_db()
    assert site.phone == "+358 195201111"
    with documents.edit("channels.json", PORVOO) as channel:
        channel["phoneNumbers"][0]["number"] = "195204444"
    _run, report = run_import(documents)
    assert [(c["field"], c["ptv"]) for c in report.conflicts] == [("phone", "+358 195204444")]


def test_a_maintainer_of_another_county_cannot_settle_the_conflict(documents, personas):
    run_import(documents)
    site = Site.objects.get(ptv_id=PORVOO)
    edit_here(site, personas.olli, phone="+358 195201111")
    with documents.edit("channels.json", PORVOO) as channel:
        channel["phoneNumbers"][0]["number"] = "195203333"
    run_import(documents)
    conflict = Conflict.objects.get()
    with pytest.raises(NotFound):
        conflict_take_ptv(conflict=conflict, actor=personas.leena)
    with pytest.raises(NotFound):
        conflict_keep_ours(conflict=conflict, actor=personas.aino)
    site.refresh_from_db()
    assert site.phone == "+358 195201111"
    assert Conflict.objects.get().resolved_at is None


def test_what_maintainers_added_stays(documents, personas, network):
    run_import(documents)
    neuvola = Service.objects.get(ptv_id=NEUVOLA)
    site = Site.objects.get(ptv_id=PORVOO)
    parenting = ServiceType.objects.get(code="parenting_support")
    neuvola.service_types.add(parenting)
    network_object_save(obj=neuvola, actor=personas.olli)
    edit_here(site, personas.olli, kind=Site.Kind.FAMILY_CENTRE)
    activity = Activity.objects.create(
        site=site,
        organiser=site.operator,
        service=neuvola,
        kind=Activity.Kind.FAMILY_CAFE,
        starts_on=date(2027, 1, 5),
        start_time=time(10),
        end_time=time(12),
        title="Vauvakahvila",
        title_fi="Vauvakahvila",
    )
    # PTV drops the e-service and adds an ontology term of maternity clinics.
    with documents.edit("services.json", NEUVOLA) as service:
        service["serviceChannels"] = [
            c
            for c in service["serviceChannels"]
            if c["serviceChannel"]["id"] != "9a4f3c21-7e8b-4d2a-b1c0-000000000205"
        ]
        service["ontologyTerms"].append(
            {
                "name": [{"language": "fi", "value": "Äitiysneuvolat"}],
                "uri": "http://www.yso.fi/onto/koko/p4971",
            }
        )
    with documents.edit("channels.json", "9a4f3c21-7e8b-4d2a-b1c0-000000000205") as channel:
        channel["services"] = []

    _run, report = run_import(documents)

    neuvola.refresh_from_db()
    assert set(neuvola.service_types.values_list("code", flat=True)) == {
        "child_health_clinic",
        "maternity_clinic",
        "parenting_support",
    }
    assert set(neuvola.target_groups) == {"families", "expecting"}
    assert "e_service" not in neuvola.channels
    site.refresh_from_db()
    assert site.kind == Site.Kind.FAMILY_CENTRE
    assert Activity.objects.filter(pk=activity.pk, service=neuvola, site=site).exists()
    assert report.conflicts == []


def test_a_service_typed_by_hand_is_published_and_a_new_mapping_takes_effect(documents, personas):
    run_import(documents)
    assert [u.code for u in unmapped_codes()] == [
        "http://www.yso.fi/onto/koko/p66345",
        "P4.13",
    ]
    assert [s.name_fi for s in services_without_type()] == ["Vanhempien auttava puhelin"]

    # A maintainer maps the service class; the next import types and publishes the helpline.
    ClassificationMapping.objects.create(
        kind=ClassificationMapping.Kind.SERVICE_CLASS,
        code="P4.13",
        label="Sosiaalipalvelujen neuvonta- ja ohjauspalvelut",
        service_type=ServiceType.objects.get(code="helpline"),
    )
    run_import(documents)
    helpline = Service.objects.get(ptv_id=HELPLINE)
    assert list(helpline.service_types.values_list("code", flat=True)) == ["helpline"]
    assert helpline.status == Service.Status.PUBLISHED
    assert [u.code for u in unmapped_codes()] == ["http://www.yso.fi/onto/koko/p66345"]
    assert list(services_without_type()) == []


def test_an_object_deleted_by_a_maintainer_is_not_created_again(documents, personas):
    run_import(documents)
    Service.objects.get(ptv_id=HELPLINE).delete()
    _run, report = run_import(documents)
    assert not Service.objects.filter(ptv_id=HELPLINE).exists()
    assert any("sitä ei luoda uudelleen" in w.reason for w in report.warnings)


def test_an_object_given_its_ptv_id_by_hand_keeps_its_differing_values(documents, network):
    """First meeting with a service someone linked to PTV by hand: what differs is ours until
    a maintainer decides; empty fields are filled in."""
    linked = network.draft_service
    linked.ptv_id = "5e2d7a10-1b4c-4f6a-8d3e-000000000102"
    linked.summary_fi = ""
    linked.save()

    _run, report = run_import(documents)

    linked.refresh_from_db()
    assert linked.name_fi == "Perheneuvola (luonnos)"
    assert linked.summary_fi.startswith("Perheneuvola tukee")
    fields = {c["field"] for c in report.conflicts if c["ptv_id"] == str(linked.ptv_id)}
    assert "name_fi" in fields and "summary_fi" not in fields
