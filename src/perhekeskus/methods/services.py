"""Writes of the method catalogue's training records (menetelmäkoulutukset), one transaction
each. Who may record whose training is `methods.access`; a denial is NotFound, as for a record
that does not exist."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from perhekeskus.errors import InvalidInput, NotFound
from perhekeskus.methods import access
from perhekeskus.methods.models import Method, MethodTraining
from perhekeskus.network.models import Organisation
from perhekeskus.rows import clean_or_invalid
from perhekeskus.staff.models import Professional

CERTIFICATE_MAX = 200


def training_record(
    *,
    by: Professional,
    method: Method,
    trained_on: date,
    professional: Professional | None = None,
    organisation: Organisation | None = None,
    valid_until: date | None = None,
    certificate: str = "",
) -> MethodTraining:
    """Record that a professional, or an organisation as a whole, is trained in a method; a
    second record for the same method and holder updates the first (a renewed certificate)."""
    if (professional is None) == (organisation is None):
        raise InvalidInput(details={"holder": "a professional or an organisation"})
    if professional is not None:
        access.require_for_professional(by, professional)
    else:
        assert organisation is not None
        access.require_for_organisation(by, organisation)
    _check_dates(trained_on, valid_until)
    with transaction.atomic():
        training = (
            MethodTraining.objects.select_for_update()
            .filter(method=method, professional=professional, organisation=organisation)
            .first()
        ) or MethodTraining(method=method, professional=professional, organisation=organisation)
        training.trained_on = trained_on
        training.valid_until = valid_until
        training.certificate = certificate.strip()[:CERTIFICATE_MAX]
        training.recorded_by = by
        training.recorded_by_user = by.user
        clean_or_invalid(training)
        training.save()
    return training


def training_remove(*, by: Professional, training_id: int | str) -> None:
    """Remove a training record (recorded by mistake, or the person has left)."""
    try:
        pk = int(training_id)
    except (TypeError, ValueError):
        raise NotFound() from None
    with transaction.atomic():
        training = (
            # Only the record is locked: its professional or organisation (one of them is
            # always empty) is read through an outer join, which PostgreSQL cannot lock.
            MethodTraining.objects.select_for_update(of=("self",))
            .select_related("professional", "organisation")
            .filter(pk=pk)
            .first()
        )
        if training is None:
            raise NotFound()
        access.require_change(by, training)
        training.delete()


def _check_dates(trained_on: date, valid_until: date | None) -> None:
    if trained_on > timezone.localdate():
        raise InvalidInput(
            _("The training date cannot be in the future."), details={"trained_on": "future"}
        )
    if valid_until is not None and valid_until < trained_on:
        raise InvalidInput(
            _("The certificate cannot expire before the training."),
            details={"valid_until": "before trained_on"},
        )
