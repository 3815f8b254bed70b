"""Contact requests (yhteydenottopyyntö): who to contact, how, and how safely."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from perhekeskus.inbox.models import InboxItem
from perhekeskus.network.models import Municipality, Service
from perhekeskus.questions.models import AnonymousQuestion


class ContactRequest(InboxItem):
    class Channel(models.TextChoices):
        PHONE = "phone", _("phone")
        EMAIL = "email", _("e-mail")

    # A reference the family can quote; random, so that it tells nothing about other requests.
    reference = models.CharField(_("reference"), max_length=12, unique=True, editable=False)
    lang = models.CharField(_("language"), max_length=2)
    topic = models.CharField(_("topic"), max_length=40)
    name = models.CharField(_("name"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    preferred_channel = models.CharField(
        _("contact by"), max_length=8, choices=Channel.choices, default=Channel.PHONE
    )
    about = models.TextField(_("what it is about"), max_length=4000)
    when_to_call = models.CharField(_("when to contact"), max_length=300, blank=True)
    # Safety (families facing violence): asked every time, never assumed.
    may_leave_message = models.BooleanField(_("a message may be left"))
    may_call_any_time = models.BooleanField(_("may be contacted at any time"))
    municipality = models.ForeignKey(
        Municipality, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    service = models.ForeignKey(
        Service, on_delete=models.SET_NULL, null=True, blank=True, related_name="contact_requests"
    )
    # Stepped up from an anonymous question, with the family's consent to show it.
    question = models.ForeignKey(
        AnonymousQuestion,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contact_requests",
    )
    consent_at = models.DateTimeField(_("consent given"))
    outcome = models.CharField(_("outcome"), max_length=300, blank=True)
    erased_at = models.DateTimeField(_("personal data erased"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("contact request")
        verbose_name_plural = _("contact requests")

    def __str__(self) -> str:
        return self.reference
