"""Anonymous questions (nimetön kysymys): no name, address or fingerprint; reached by a code of
which only a keyed digest is stored."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from perhekeskus.inbox.models import InboxItem
from perhekeskus.network.models import AGE_MONTHS_MAX, PREGNANCY_START_MONTHS, Area, Municipality
from perhekeskus.staff.models import Professional

# The child's age in months; a negative value means the family is expecting (the value the
# search form's "Expecting" choice uses).
EXPECTING_MONTHS = -5
CHILD_AGE_MIN_MONTHS = PREGNANCY_START_MONTHS
CHILD_AGE_MAX_MONTHS = AGE_MONTHS_MAX


class AnonymousQuestion(InboxItem):
    code_digest = models.CharField(max_length=64, unique=True, editable=False)
    lang = models.CharField(_("language"), max_length=2)
    topic = models.CharField(_("topic"), max_length=40)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    area = models.ForeignKey(
        Area, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    child_age_months = models.SmallIntegerField(_("child's age in months"), null=True, blank=True)
    # Retention counts from the last message, so an ongoing conversation is not cut off.
    last_activity_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("anonymous question")
        verbose_name_plural = _("anonymous questions")

    def __str__(self) -> str:
        return f"#{self.pk} ({self.topic})"


class QuestionMessage(models.Model):
    """The question itself, the answers and the family's replies, in order."""

    class Author(models.TextChoices):
        FAMILY = "family", _("the asker")
        PROFESSIONAL = "professional", _("a professional")

    question = models.ForeignKey(
        AnonymousQuestion, on_delete=models.CASCADE, related_name="messages"
    )
    author = models.CharField(max_length=16, choices=Author.choices)
    text = models.TextField(max_length=4000)
    created_at = models.DateTimeField(auto_now_add=True)
    # Shown to the family: the role and the place at the time of answering, never the name.
    role = models.CharField(max_length=40, blank=True)
    place = models.CharField(max_length=200, blank=True)
    # For the inbox's own log and for colleagues; never shown to the family.
    professional = models.ForeignKey(
        Professional, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self) -> str:
        return f"{self.question_id}/{self.pk} ({self.author})"
