"""A method named in a referral and in a plan: Aino refers Liisa and Eino Virtanen to someone
trained in Lapset puheeksi. The referral form lists the organisations with trained people
(Hanna's NGO in her area first, Mikko's Vantaa county after it); the referral carries the
method to both sides; a plan action names the method it uses."""

from datetime import timedelta

import pytest
from django.utils import timezone

from perhekeskus.methods.models import MethodTraining
from perhekeskus.processes.models import Door, Kind
from perhekeskus.processes.services import process_open
from perhekeskus.referrals.models import Referral
from tests.clients.conftest import identity_keys, virtanen  # noqa: F401
from tests.families.html import parse
from tests.methods.conftest import as_, years_ago
from tests.referrals.around import BASIC, REASON, around  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def lp(catalogue, around):  # noqa: F811
    method = catalogue["lapset-puheeksi"]
    MethodTraining.objects.create(method=method, professional=around.hanna, trained_on=years_ago(2))
    MethodTraining.objects.create(method=method, professional=around.mikko, trained_on=years_ago(1))
    # Aino's own colleague is trained too: her own organisation is no receiver.
    MethodTraining.objects.create(method=method, professional=around.maija, trained_on=years_ago(1))
    return method


def new_url(around) -> str:  # noqa: F811
    return f"/fi/workspace/referrals/new/{around.virtanen.family.pk}/"


def test_the_method_page_leads_to_a_referral_of_a_family_on_the_caseload(around, lp):  # noqa: F811
    aino = as_(around.aino)
    detail = parse(aino.get("/fi/workspace/methods/lapset-puheeksi/"))
    refer = detail.one("refer-trained").get("href")
    assert refer == "/fi/workspace/methods/lapset-puheeksi/refer/"
    [family] = parse(aino.get(refer)).by_testid("refer-family")
    assert "Virtanen" in family.text
    assert family.get("href") == f"{new_url(around)}?method={lp.pk}"


def test_a_stranger_to_the_family_gets_no_family_to_refer(around, lp):  # noqa: F811
    page = parse(as_(around.hanna).get("/fi/workspace/methods/lapset-puheeksi/refer/"))
    assert page.by_testid("refer-family") == []
    assert page.one("no-families")


def test_the_referral_form_lists_the_organisations_trained_in_the_method(around, lp):  # noqa: F811
    form = parse(as_(around.aino).get(new_url(around), {"method": lp.pk}))
    [selected] = form.by_id("id_method").find_all("option", selected="")
    assert selected.get("value") == str(lp.pk)
    organisations = form.one("method-trained").by_testid("trained-organisation")
    assert [o.get("data-organisation") for o in organisations] == [
        str(around.network.ngo.pk),
        str(around.vantaa.pk),
    ]
    assert "Hanna" in organisations[0].text and organisations[0].by_testid("near")
    assert "Mikko" in organisations[1].text
    assert "Maija" not in form.one("method-trained").text
    link = organisations[1].one("refer-to-organisation").get("href")
    assert link == f"{new_url(around)}?method={lp.pk}&to_organisation={around.vantaa.pk}"
    chosen = parse(as_(around.aino).get(link))
    [receiver] = chosen.by_id("id_to_organisation").find_all("option", selected="")
    assert receiver.get("value") == str(around.vantaa.pk)


def test_without_a_method_the_form_lists_nobody(around, lp):  # noqa: F811
    form = parse(as_(around.aino).get(new_url(around)))
    assert form.by_testid("method-trained") == []


def test_the_referral_names_the_method_on_both_sides(around, lp):  # noqa: F811
    around.consent([around.virtanen.teen, around.virtanen.baby], [BASIC])
    aino = as_(around.aino)
    response = aino.post(
        new_url(around),
        {
            "method": lp.pk,
            "to_organisation": around.vantaa.pk,
            "to_service": around.family_work.pk,
            "reason": REASON,
            "persons": [around.virtanen.teen.pk, around.virtanen.baby.pk],
            "shared_categories": [BASIC],
            "basis": "consent",
            "send": "1",
        },
    )
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert referral.method == lp
    sender = parse(aino.get(response["Location"]))
    line = sender.one("referral-method")
    assert "Lapset puheeksi" in line.text
    assert line.find_all("a")[0].get("href") == "/fi/workspace/methods/lapset-puheeksi/"
    receiver = parse(as_(around.kalle).get(f"/sv/workspace/referrals/{referral.pk}/"))
    assert "Lapset puheeksi (Let's Talk about Children)" in receiver.one("referral-method").text


def test_a_method_that_does_not_exist_is_refused_on_the_form(around, lp):  # noqa: F811
    response = as_(around.aino).post(
        new_url(around),
        {"method": 999999, "to_organisation": around.vantaa.pk, "reason": REASON, "check": "1"},
    )
    assert response.status_code == 400
    assert parse(response).one("field-method").find_all("ul")


def test_a_plan_action_names_the_method_it_uses(around, lp):  # noqa: F811
    process = process_open(
        family_id=around.virtanen.family.pk,
        kind=Kind.MANY_SERVICES,
        door=Door.CLINIC,
        arose_on=timezone.localdate() - timedelta(days=10),
        support_need_words="Tarvitsemme tukea arkeen.",
        support_needs=[],
        by=around.aino,
    )
    aino = as_(around.aino)
    url = f"/fi/workspace/processes/{process.pk}/"
    response = aino.post(
        f"{url}actions/",
        {"what": "Lapset puheeksi -keskustelu", "who": around.aino.pk, "method": lp.pk},
    )
    assert response.status_code == 302
    assert process.actions.get().method == lp
    [row] = parse(aino.get(url)).by_testid("plan-action")
    assert "Menetelmä: Lapset puheeksi" in row.one("action-method").text
