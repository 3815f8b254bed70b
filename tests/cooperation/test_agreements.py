"""A coordinator records a cooperation agreement: its parties, their commitments with the person
responsible, the period, the review date and the signed document; the agreements whose review is
due or overdue are listed; documents are kept out of public reach and refused when they are not
what they claim to be; every change is in the agreement's history."""

import io
import zipfile
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from perhekeskus.cooperation import selectors, services
from perhekeskus.cooperation.access import cooperation_scopes
from perhekeskus.cooperation.models import Agreement, AgreementDocument, Change, Commitment
from perhekeskus.errors import InvalidInput, StaleEdit
from tests.cooperation.building import PDF, agreement, pdf
from tests.families.html import parse

pytestmark = pytest.mark.django_db

BASE = "/fi/leading/cooperation/"
WRONG_KIND = "Upload the document as a PDF, ODT or DOCX file."


def odt(name: str = "liite.odt") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return SimpleUploadedFile(name, buffer.getvalue())


def docx(name: str = "liite.docx") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return SimpleUploadedFile(name, buffer.getvalue())


def test_coordinator_records_an_agreement_with_parties_commitments_and_a_document(cast, client_of):
    client = client_of(cast.maija)
    area = cast.network.espoo_area
    response = client.post(
        f"{BASE}agreements/new/",
        {
            "county": str(cast.network.west_uusimaa.pk),
            "title": "Leppävaaran perhekeskuksen yhteistyösopimus",
            "purpose": "Perhekahvilat ja jalkautuva työ yhdessä.",
            "areas": [str(area.pk)],
            "starts_on": "1.1.2026",
            "ends_on": "31.12.2027",
            "review_on": "2027-06-30",
            "status": "in_force",
        },
    )
    assert response.status_code == 302
    made = Agreement.objects.get()
    page_url = response["Location"]
    assert page_url == f"{BASE}agreements/{made.pk}/"
    assert list(made.areas.all()) == [area]
    assert (made.starts_on, made.ends_on, made.review_on) == (
        date(2026, 1, 1),
        date(2027, 12, 31),
        date(2027, 6, 30),
    )
    for organisation in (cast.network.county_org, cast.parish):
        response = client.post(
            page_url, {"action": "party", "party-organisation": str(organisation.pk)}
        )
        assert response.status_code == 302
    parish_party = made.parties.get(organisation=cast.parish)
    response = client.post(
        page_url,
        {
            "action": "commitment",
            "commitment-party": str(parish_party.pk),
            "commitment-text": "Seurakunta pitää perhekahvilaa tiistaisin.",
            "commitment-name": "Sanna Seurakunta",
            "commitment-phone": "040 123 4567",
        },
    )
    assert response.status_code == 302
    response = client.post(
        page_url, {"action": "document", "document-file": pdf("allekirjoitettu.pdf")}
    )
    assert response.status_code == 302

    page = parse(client.get(page_url))
    parties = {p.by_testid("party-name")[0].text: p for p in page.by_testid("party")}
    assert set(parties) == {cast.network.county_org.name_fi, cast.parish.name_fi}
    commitment = parties[cast.parish.name_fi].by_testid("commitment")[0]
    assert "tiistaisin" in commitment.by_testid("commitment-text")[0].text
    assert (
        "Sanna Seurakunta, 040 123 4567" in commitment.by_testid("commitment-responsible")[0].text
    )
    assert [d.text for d in page.by_testid("document-link")] == ["allekirjoitettu.pdf"]
    assert "30.6.2027" in page.by_testid("agreement-review")[0].text
    lines = page.by_testid("history-line")
    assert len(lines) == 5 and all("maija" in line.text.lower() for line in lines)


def test_the_form_keeps_what_was_typed_and_says_what_is_wrong(cast, client_of):
    response = client_of(cast.maija).post(
        f"{BASE}agreements/new/",
        {
            "county": str(cast.network.west_uusimaa.pk),
            "title": "Sopimus",
            "starts_on": "2027-01-01",
            "ends_on": "2026-01-01",
            "status": "draft",
        },
    )
    assert response.status_code == 400
    page = parse(response)
    assert page.by_id("id_title").get("value") == "Sopimus"
    assert page.by_testid("error-summary")
    assert not Agreement.objects.exists()


def test_a_document_is_kept_under_the_data_directory_with_a_name_that_says_nothing(
    cast, documents_in_tmp
):
    made = agreement(cast)
    document = services.document_upload(
        by=cast.maija, agreement_id=made.pk, upload=pdf("Salainen sopimus.pdf")
    )
    stored = documents_in_tmp / "cooperation" / document.file.name
    assert stored.read_bytes() == PDF
    assert "Salainen" not in document.file.name and document.name == "Salainen sopimus.pdf"
    with pytest.raises(NotImplementedError):
        document.file.url  # noqa: B018 - no public address exists


def test_the_document_is_served_to_a_party_and_refused_to_others(cast, client_of):
    made = agreement(cast, parties=[cast.espoo_city])
    document = services.document_upload(by=cast.maija, agreement_id=made.pk, upload=pdf())
    address = f"{BASE}agreements/{made.pk}/documents/{document.pk}/"
    response = client_of(cast.eero).get(address)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    for outsider in (cast.outi, cast.ville):
        assert client_of(outsider).get(address).status_code == 404
    assert client_of(cast.aino).get(address).status_code == 403
    # Another agreement's id in the address does not reach it either.
    other = agreement(cast, title="Toinen", parties=[cast.network.ngo])
    assert (
        client_of(cast.outi)
        .get(f"{BASE}agreements/{other.pk}/documents/{document.pk}/")
        .status_code
        == 404
    )


@pytest.mark.parametrize(
    ("upload", "why"),
    [
        (SimpleUploadedFile("sopimus.exe", b"MZ\x90\x00"), WRONG_KIND),
        (SimpleUploadedFile("sopimus.pdf", b"<html>not a pdf</html>"), WRONG_KIND),
        (SimpleUploadedFile("sopimus.docx", b"PK\x03\x04broken zip"), WRONG_KIND),
        (SimpleUploadedFile("sopimus.odt", b"%PDF-1.4 renamed"), WRONG_KIND),
        (SimpleUploadedFile("tyhja.pdf", b""), "The file is empty."),
    ],
)
def test_a_document_that_is_not_a_pdf_odt_or_docx_is_refused(cast, upload, why):
    made = agreement(cast)
    with pytest.raises(InvalidInput) as refused:
        services.document_upload(by=cast.maija, agreement_id=made.pk, upload=upload)
    with translation.override("fi"):
        assert str(refused.value.details["file"]) == _(why)
    assert not AgreementDocument.objects.exists()


def test_odt_and_docx_are_accepted(cast):
    made = agreement(cast)
    for upload in (odt(), docx()):
        services.document_upload(by=cast.maija, agreement_id=made.pk, upload=upload)
    assert sorted(made.documents.values_list("content_type", flat=True)) == [
        "application/vnd.oasis.opendocument.text",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ]


def test_a_document_over_the_size_limit_is_refused_on_the_page(cast, client_of, settings):
    settings.PERHEKESKUS_COOPERATION_DOCUMENT_MAX_BYTES = 40
    made = agreement(cast)
    response = client_of(cast.maija).post(
        f"{BASE}agreements/{made.pk}/",
        {"action": "document", "document-file": pdf(content=PDF + b"x" * 100)},
    )
    assert response.status_code == 400
    with translation.override("fi"):
        expected = _("The file is too large: at most %(size)s.") % {"size": "40 tavua"}
    assert expected in parse(response).by_testid("error-summary")[0].text
    assert not AgreementDocument.objects.exists()


def test_a_removed_document_leaves_the_disk_too(
    cast, documents_in_tmp, django_capture_on_commit_callbacks
):
    made = agreement(cast)
    document = services.document_upload(by=cast.maija, agreement_id=made.pk, upload=pdf())
    stored = documents_in_tmp / "cooperation" / document.file.name
    with django_capture_on_commit_callbacks(execute=True):
        services.document_remove(by=cast.maija, agreement_id=made.pk, document_id=document.pk)
    assert not stored.exists()
    assert Change.objects.filter(action="delete", target_label="sopimus.pdf").exists()


def test_agreements_due_for_review_are_listed_the_most_overdue_first(cast, client_of):
    today = timezone.localdate()
    overdue = agreement(cast, title="Myöhässä", review_on=today - timedelta(days=10))
    soon = agreement(cast, title="Pian", review_on=today + timedelta(days=20))
    agreement(cast, title="Kaukana", review_on=today + timedelta(days=200))
    agreement(cast, title="Päättynyt", review_on=today - timedelta(days=30), status="ended")
    agreement(cast, title="Ei päivää")
    due = selectors.agreements_review_due(scopes=cooperation_scopes(cast.maija), today=today)
    assert [(d.agreement, d.overdue) for d in due] == [(overdue, True), (soon, False)]

    page = parse(client_of(cast.maija).get(BASE))
    rows = page.by_testid("review-due-agreement")
    assert [r.find_all("a")[0].text for r in rows] == ["Myöhässä", "Pian"]
    assert [r.get("data-overdue") for r in rows] == ["true", "false"]


def test_the_review_list_shows_only_agreements_one_may_see(cast):
    today = timezone.localdate()
    agreement(cast, title="Espoon", review_on=today, parties=[cast.espoo_city])
    agreement(cast, title="Järjestön", review_on=today, parties=[cast.network.ngo])
    due = selectors.agreements_review_due(scopes=cooperation_scopes(cast.eero), today=today)
    assert [d.agreement.title for d in due] == ["Espoon"]
    assert selectors.agreements_review_due(scopes=cooperation_scopes(cast.ville), today=today) == []


def test_changing_the_agreement_is_recorded_and_a_stale_edit_refused(cast):
    made = agreement(cast, review_on=date(2027, 1, 31))
    services.agreement_update(
        by=cast.helena, agreement_id=made.pk, version=made.version, review_on=date(2027, 3, 31)
    )
    change = Change.objects.filter(subject=f"agreement:{made.pk}", action="change").get()
    assert change.actor == cast.helena
    assert change.changes == {"review_on": ["2027-01-31", "2027-03-31"]}
    with pytest.raises(StaleEdit):
        services.agreement_update(
            by=cast.maija, agreement_id=made.pk, version=made.version, title="Vanha versio"
        )
    made.refresh_from_db()
    assert made.title != "Vanha versio"


def test_a_party_is_a_county_or_national_organisation_and_only_once(cast):
    made = agreement(cast, parties=[cast.parish])
    with pytest.raises(InvalidInput):
        services.agreement_party_add(
            by=cast.maija, agreement_id=made.pk, organisation_id=cast.parish.pk
        )
    with pytest.raises(InvalidInput) as refused:
        services.agreement_party_add(
            by=cast.maija, agreement_id=made.pk, organisation_id=cast.network.vantaa_org.pk
        )
    assert "organisation" in refused.value.details


def test_a_commitment_names_who_is_responsible(cast):
    made = agreement(cast, parties=[cast.parish])
    party = made.parties.get()
    with pytest.raises(InvalidInput):
        services.commitment_add(
            by=cast.maija, agreement_id=made.pk, party_id=party.pk, text="Kahvila"
        )
    with pytest.raises(InvalidInput):
        services.commitment_add(
            by=cast.maija, agreement_id=made.pk, party_id=party.pk, text="Kahvila", name="Sanna"
        )
    commitment = services.commitment_add(
        by=cast.maija,
        agreement_id=made.pk,
        party_id=party.pk,
        text="Kahvila",
        professional=cast.pia,
    )
    assert commitment.person_name == "Pia"
    assert Commitment.objects.count() == 1
