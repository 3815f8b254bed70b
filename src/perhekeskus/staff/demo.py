"""Demo professionals for the demo region, with the documented demo password and an
authenticator already set up with a fixed, public demo key.

Add the key to an authenticator app (by hand, time-based, 6 digits, SHA-1, 30 s) to log in:

    hanna   public health nurse, Espoo, West Uusimaa wellbeing services county
            key NBQW 43TB FVYG K4TI MVVW K43L OVZS 2MBR
    mikael  social worker, Vantaa, Vantaa and Kerava wellbeing services county
            key NVUW WYLF NQWX AZLS NBSW WZLT NN2X GLJR
    kaisa   family centre leader, West Uusimaa wellbeing services county: follows the
            county's indicators and plans its family centre areas (/fi/leading/), and
            maintains the county's network data
            key NNQW S43B FVYG K4TI MVVW K43L OVZS 2MBR

These keys are in the source code: demo data only, never for real accounts.
"""

from base64 import b32encode
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import translation
from django_otp.plugins.otp_totp.models import TOTPDevice

from perhekeskus.evaluation.models import LeaderRole
from perhekeskus.network.demo import DEMO_PASSWORD, Writer
from perhekeskus.network.models import County, MaintainerRole, Municipality, Organisation
from perhekeskus.staff.models import Professional


@dataclass(frozen=True)
class DemoProfessional:
    username: str
    first_name: str
    last_name: str
    role: str
    county: str  # the wellbeing services county whose organisation employs them
    municipality: str
    totp_key: str  # hex, as TOTPDevice.key

    @property
    def totp_base32(self) -> str:
        return b32encode(bytes.fromhex(self.totp_key)).decode()


DEMO_PROFESSIONALS = (
    DemoProfessional(
        "hanna", "Hanna", "Hoitaja", Professional.Role.PUBLIC_HEALTH_NURSE, "03", "049",
        b"hanna-perhekeskus-01".hex(),
    ),
    DemoProfessional(
        "mikael", "Mikael", "Mattila", Professional.Role.SOCIAL_WORKER, "04", "092",
        b"mikael-perhekeskus-1".hex(),
    ),
)  # fmt: skip
# Leaders follow the indicators; they work no queue, so they are kept apart from the above.
DEMO_LEADERS = (
    DemoProfessional(
        "kaisa", "Kaisa", "Kivelä", Professional.Role.LEADER, "03", "049",
        b"kaisa-perhekeskus-01".hex(),
    ),
)  # fmt: skip


def _demo_professional(spec: DemoProfessional) -> Professional | None:
    organisation = (
        Organisation.objects.filter(sector=Organisation.Sector.COUNTY, county__code=spec.county)
        .order_by("pk")
        .first()
    )
    municipality = Municipality.objects.filter(code=spec.municipality).first()
    if organisation is None or municipality is None:
        return None
    user, _ = get_user_model().objects.get_or_create(username=spec.username)
    user.first_name, user.last_name = spec.first_name, spec.last_name
    user.email = f"{spec.username}@demo.perhekeskus.example"
    user.is_active = True
    user.set_password(DEMO_PASSWORD)
    user.save()
    professional, _ = Professional.objects.update_or_create(
        user=user,
        defaults={"organisation": organisation, "role": spec.role, "municipality": municipality},
    )
    TOTPDevice.objects.filter(user=user).exclude(name="demo").delete()
    TOTPDevice.objects.update_or_create(
        user=user,
        name="demo",
        defaults={"key": spec.totp_key, "confirmed": True, "last_t": -1, "drift": 0},
    )
    return professional


def demo_professionals(stdout: Writer | None = None) -> list[Professional]:
    """hanna and mikael, created or brought back to their demo state (password, role, key).
    One is skipped, with a note, when the network lacks its county organisation."""
    created: list[Professional] = []
    with transaction.atomic():
        for spec in DEMO_PROFESSIONALS:
            professional = _demo_professional(spec)
            if professional is not None:
                created.append(professional)
            elif stdout is not None:
                stdout.write(f"  (no demo professional {spec.username}: no county organisation)\n")
    if stdout is not None and created:
        stdout.write(
            f"Demo professionals (password {DEMO_PASSWORD}; login at /fi/staff/login/, "
            "then a code from an authenticator app with the key below):\n"
        )
        keys = {spec.username: spec.totp_base32 for spec in DEMO_PROFESSIONALS}
        for professional in created:
            username = professional.user.get_username()
            stdout.write(
                f"  {username:<7} {professional.get_role_display()}, "
                f"{professional.municipality.name_fi}; TOTP key {keys[username]}\n"
            )
    return created


def demo_leaders(stdout: Writer | None = None) -> list[Professional]:
    """kaisa, created or brought back to her demo state: the family centre leader of the West
    Uusimaa county's organisation, who follows the county's indicators, may plan its family
    centre areas, and maintains the county's network data. Skipped, with a note, when the
    network lacks the county or its organisation."""
    created: list[Professional] = []
    with transaction.atomic():
        for spec in DEMO_LEADERS:
            county = County.objects.filter(code=spec.county).first()
            professional = _demo_professional(spec) if county is not None else None
            if professional is None or county is None:
                if stdout is not None:
                    stdout.write(f"  (no demo leader {spec.username}: no county organisation)\n")
                continue
            # She maintains the county's network data in the admin, as leena does.
            professional.user.is_staff = True
            professional.user.save(update_fields=["is_staff"])
            LeaderRole.objects.filter(professional=professional).delete()
            LeaderRole.objects.create(professional=professional, county=county, may_plan=True)
            MaintainerRole.objects.filter(user=professional.user).delete()
            MaintainerRole.objects.create(user=professional.user, county=county)
            created.append(professional)
    if stdout is not None and created:
        stdout.write(
            f"Demo leader (password {DEMO_PASSWORD}; login at /fi/staff/login/ with a code from "
            "the key below, then the leading pages at /fi/leading/):\n"
        )
        keys = {spec.username: spec.totp_base32 for spec in DEMO_LEADERS}
        for professional in created:
            username = professional.user.get_username()
            with translation.override("fi"):
                role = professional.get_role_display()
            stdout.write(
                f"  {username:<7} {role}, {professional.organisation}; TOTP key {keys[username]}\n"
            )
    return created
