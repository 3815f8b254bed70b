"""Small builders of cooperation records, written through the services as the people of
tests.cooperation.conftest would write them."""

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from perhekeskus.cooperation import services
from perhekeskus.cooperation.models import Agreement, ContactAssignment, ContactRole

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def agreement(cast, *, by=None, title="Perhekeskuksen yhteistyösopimus", parties=(), **fields):
    fields.setdefault("starts_on", date(2026, 1, 1))
    fields.setdefault("status", Agreement.Status.IN_FORCE)
    made = services.agreement_create(
        by=by or cast.maija, county=cast.network.west_uusimaa, title=title, **fields
    )
    for organisation in parties:
        services.agreement_party_add(
            by=by or cast.maija, agreement_id=made.pk, organisation_id=organisation.pk
        )
    return made


def pdf(name: str = "sopimus.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def role(cast, organisation, kind=ContactRole.Kind.PARISH, *, by=None):
    return services.contact_role_add(
        by=by or cast.maija,
        area_id=cast.network.espoo_area.pk,
        organisation_id=organisation.pk,
        kind=kind,
    )


def assign(cast, role_, *, standing=ContactAssignment.Standing.CONTACT, by=None, **person):
    person.setdefault("valid_from", date(2026, 1, 1))
    return services.contact_assign(
        by=by or cast.maija,
        area_id=cast.network.espoo_area.pk,
        role_id=role_.pk,
        standing=standing,
        **person,
    )
