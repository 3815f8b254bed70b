"""Demo training records for the method catalogue: the demo professionals hanna (public health
nurse, Espoo) and mikael (social worker, Vantaa) are trained in a few methods, and an NGO of
the West Uusimaa demo network runs Vahvuutta vanhemmuuteen groups as an organisation. Run
after `staff.demo.demo_professionals`; idempotent."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from perhekeskus.methods.catalogue import catalogue_load
from perhekeskus.methods.models import Method, MethodTraining
from perhekeskus.network.demo import Writer
from perhekeskus.network.models import Organisation
from perhekeskus.staff.models import Professional

# (username, method code, years since the training, years valid or None, certificate)
DEMO_TRAININGS = (
    ("hanna", "lapset-puheeksi", 3, None, "LP-keskustelu ja neuvonpito"),
    ("hanna", "neuvokas-perhe", 2, None, ""),
    ("mikael", "lapset-puheeksi", 4, None, "LP-keskustelu"),
    ("mikael", "beardsleen-perheinterventio", 1, None, ""),
    ("mikael", "ihmeelliset-vuodet", 2, 3, "ryhmänohjaaja"),
)
ORGANISATION_METHOD = "vahvuutta-vanhemmuuteen"


def demo_method_trainings(stdout: Writer | None = None) -> int:
    """The demo training records, created or brought back; the number written."""
    catalogue_load()
    today = timezone.localdate()
    methods = {method.code: method for method in Method.objects.all()}
    written = 0
    with transaction.atomic():
        for username, code, years_ago, years_valid, certificate in DEMO_TRAININGS:
            professional = Professional.objects.filter(user__username=username).first()
            method = methods.get(code)
            if professional is None or method is None:
                continue
            trained_on = today - timedelta(days=365 * years_ago)
            MethodTraining.objects.update_or_create(
                method=method,
                professional=professional,
                defaults={
                    "trained_on": trained_on,
                    "valid_until": (
                        trained_on + timedelta(days=365 * years_valid) if years_valid else None
                    ),
                    "certificate": certificate,
                },
            )
            written += 1
        ngo = (
            Organisation.objects.filter(sector=Organisation.Sector.NGO, county__code="03")
            .order_by("pk")
            .first()
        )
        method = methods.get(ORGANISATION_METHOD)
        if ngo is not None and method is not None:
            MethodTraining.objects.update_or_create(
                method=method,
                organisation=ngo,
                defaults={
                    "trained_on": today - timedelta(days=500),
                    "certificate": "ryhmänohjaajat",
                },
            )
            written += 1
    if stdout is not None and written:
        stdout.write(
            f"Method catalogue: {written} demo training records (hanna, mikael and an NGO); "
            "see /fi/workspace/methods/\n"
        )
    return written
