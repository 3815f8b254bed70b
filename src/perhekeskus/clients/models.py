"""Client data of families (perheen asiakastiedot): families, people and who belongs to which.

Special-category data (health, social circumstances) of children and parents. Rows are read and
written only through this app's services and selectors, which ask `consent` first and write an
audit event; never through the admin or a reverse relation from another app (hence
`related_name="+"` towards the service network). Personal identity codes are stored encrypted,
with a keyed digest for finding a person: see `perhekeskus.clients.identity`.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from perhekeskus.network.models import Municipality, Versioned


class SafetyFlag(models.TextChoices):
    """Safety instruction (turvaohje): what every professional must know before contacting the
    family, from least to most restrictive. When several apply, the most restrictive is chosen
    and the others are written in the safety note."""

    NONE = "none", _("no safety instructions")
    CONTACT_ONLY_BY_PHONE = (
        "contact_only_by_phone",
        _("contact only by the phone number given (no letters, no home visits)"),
    )
    DO_NOT_CONTACT_AT_HOME = (
        "do_not_contact_at_home",
        _("do not contact at home (no letters, home visits or calls except as agreed)"),
    )
    DO_NOT_DISCLOSE_ADDRESS = (
        "do_not_disclose_address",
        _("never disclose where the family lives or stays (non-disclosure, shelter)"),
    )


class Language(models.TextChoices):
    """The language in which the person wants to be served (asiointikieli)."""

    FINNISH = "fi", _("Finnish")
    SWEDISH = "sv", _("Swedish")
    ENGLISH = "en", _("English")
    OTHER = "other", _("other language")


class Relation(models.TextChoices):
    """A person's place in a family."""

    GUARDIAN = "guardian", _("guardian")
    # A parent without custody (e.g. after a separation) still takes part in the parenting
    # plan and in meeting arrangements, but does not decide for the child.
    PARENT = "parent", _("parent (not a guardian)")
    # A step-parent, a parent's partner, a grandparent or an adult sibling.
    OTHER_ADULT = "other_adult", _("other adult")
    # Siblings are the family's children.
    CHILD = "child", _("child")


class Family(Versioned):
    """Family (perhe): the people a family centre works with together. A person may belong to
    several families, e.g. a child of separated parents to both parents' households."""

    SafetyFlag = SafetyFlag

    name = models.CharField(
        _("name"),
        max_length=200,
        help_text=_("How professionals refer to the family, e.g. the family name."),
    )
    safety_flag = models.CharField(
        _("safety instruction"),
        max_length=32,
        choices=SafetyFlag.choices,
        default=SafetyFlag.NONE,
    )
    safety_note = models.TextField(
        _("safety note"),
        blank=True,
        max_length=2000,
        help_text=_("Shown with the family everywhere; what to know before contacting them."),
    )
    persons: "models.ManyToManyField[Person, FamilyMember]" = models.ManyToManyField(
        "Person",
        through="FamilyMember",
        related_name="families",
        verbose_name=_("members"),
    )

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("family")
        verbose_name_plural = _("families")
        constraints = [
            models.CheckConstraint(
                condition=Q(safety_flag__in=SafetyFlag.values),
                name="family_safety_flag_known",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Person(Versioned):
    """A person (henkilö) in a family: a child, a parent or another adult. The date of birth is
    stored and ages are computed from it; the personal identity code only encrypted."""

    Language = Language

    given_names = models.CharField(_("given names"), max_length=200)
    family_name = models.CharField(_("family name"), max_length=200)
    date_of_birth = models.DateField(_("date of birth"))
    identity_code_encrypted = models.TextField(
        _("personal identity code (encrypted)"), blank=True, editable=False
    )
    identity_code_digest = models.CharField(
        _("personal identity code digest"),
        max_length=64,
        blank=True,
        editable=False,
    )
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=5, blank=True)
    post_office = models.CharField(_("post office"), max_length=100, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        # No road from the service network back to client data.
        related_name="+",
        verbose_name=_("municipality of residence"),
    )
    language = models.CharField(
        _("preferred language"), max_length=8, choices=Language.choices, default=Language.FINNISH
    )
    # Turvakielto, from the population register. The family's own safety instruction is set
    # by professionals and may say more (a shelter, a threat without a register entry).
    address_protected = models.BooleanField(
        _("non-disclosure for personal safety"),
        default=False,
        help_text=_("The population register forbids disclosing this person's address."),
    )

    class Meta:
        ordering = ["family_name", "given_names", "id"]
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        # Finding by digest is an equality lookup. PostgreSQL answers it from the partial unique
        # index, SQLite only from a plain one; db_index=True would add an unused LIKE index.
        indexes = [models.Index(fields=["identity_code_digest"], name="person_identity_digest")]
        constraints = [
            models.UniqueConstraint(
                fields=["identity_code_digest"],
                condition=~Q(identity_code_digest=""),
                name="person_identity_code_once",
            ),
            # A code is stored with its digest or not at all: a row never holds one without
            # the other, so finding by code and showing the code agree.
            models.CheckConstraint(
                condition=(Q(identity_code_encrypted="") & Q(identity_code_digest=""))
                | (~Q(identity_code_encrypted="") & ~Q(identity_code_digest="")),
                name="person_identity_code_with_digest",
            ),
            models.CheckConstraint(
                condition=Q(language__in=Language.values),
                name="person_language_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.given_names} {self.family_name}"

    @property
    def has_identity_code(self) -> bool:
        return bool(self.identity_code_digest)


class FamilyMember(models.Model):
    """A person's place in a family (perheenjäsen): guardian, parent, other adult or child, and
    whether they live in the family's household."""

    Relation = Relation

    family = models.ForeignKey(
        Family, on_delete=models.CASCADE, related_name="members", verbose_name=_("family")
    )
    # Removing a person is a retention decision made on purpose, never a side effect.
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("person")
    )
    relation = models.CharField(_("relation"), max_length=16, choices=Relation.choices)
    lives_with_family = models.BooleanField(_("lives in the household"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["family_id", "id"]
        verbose_name = _("family member")
        verbose_name_plural = _("family members")
        constraints = [
            models.UniqueConstraint(fields=["family", "person"], name="family_member_once"),
            models.CheckConstraint(
                condition=Q(relation__in=Relation.values),
                name="family_member_relation_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_relation_display()}) @ {self.family}"
