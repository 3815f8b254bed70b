"""Safety of the public forms (kysymys, yhteydenottopyyntö, palaute) without tracking anyone.

- A honeypot field that people never see and bots fill in.
- A signed form stamp: a form sent sooner than a person could type it, or long after it was
  shown, is refused. The stamp holds only the time it was shown.
- A site-wide limit on submissions per minute and form kind, counted in the cache: no address,
  cookie or fingerprint is read or stored to rate-limit.
Errors speak the user's language and keep what the user typed (the form is shown again).
"""

import time
from typing import Any

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

STAMP_SALT = "perhekeskus.public_forms.stamp"
# Longest text a family can send in one field; requests are also capped by
# DATA_UPLOAD_MAX_MEMORY_SIZE.
TEXT_MAX_LENGTH = 4000


def _setting(name: str, default: Any) -> Any:
    return getattr(settings, name, default)


def stamp_now() -> str:
    return signing.dumps(int(time.time()), salt=STAMP_SALT)


class PublicForm(forms.Form):
    """Base of every form an anonymous visitor sends. Subclasses set `kind` (the rate-limit
    bucket: "question", "contact_request", "feedback", …)."""

    kind = "public"

    # Named like a field bots love; hidden from people and assistive technology in templates
    # (the `_honeypot.html` include renders both hidden fields).
    website = forms.CharField(required=False, label=_("Leave this field empty"))
    stamp = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["stamp"] = stamp_now()
        else:
            # A form shown again (with errors) gets a fresh stamp so the next try is judged
            # from now, not from the first showing.
            if self._stamp_invalid():
                data = self.data.copy()  # type: ignore[attr-defined]  # a QueryDict or dict
                data["stamp"] = stamp_now()
                self.data = data

    def _stamp_invalid(self) -> bool:
        try:
            signing.loads(self.data.get("stamp", ""), salt=STAMP_SALT, max_age=None)
        except signing.BadSignature:
            return True
        return False

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("website"):
            raise forms.ValidationError(
                _("The form could not be sent. Please try again."), code="honeypot"
            )
        self._check_stamp(cleaned.get("stamp") or "")
        if not submission_allowed(self.kind):
            raise forms.ValidationError(
                _("Many messages are being sent right now. Please try again in a minute."),
                code="busy",
            )
        return cleaned

    def _check_stamp(self, stamp: str) -> None:
        max_age = _setting("PERHEKESKUS_FORM_MAX_AGE_SECONDS", 3 * 3600)
        try:
            shown = signing.loads(stamp, salt=STAMP_SALT, max_age=max_age)
        except signing.SignatureExpired as error:
            raise forms.ValidationError(
                _("The form was open for a long time. Please check it and send it again."),
                code="stale",
            ) from error
        except signing.BadSignature as error:
            raise forms.ValidationError(
                _("The form could not be sent. Please try again."), code="stamp"
            ) from error
        if time.time() - int(shown) < _setting("PERHEKESKUS_FORM_MIN_SECONDS", 3):
            raise forms.ValidationError(
                _("The form was sent very quickly. Please check it and send it again."),
                code="too_fast",
            )


def submission_allowed(kind: str) -> bool:
    """Count one submission of `kind` in this minute; False past the site-wide limit.

    The counter is keyed by form kind and minute only. With several processes it needs a shared
    cache (CACHES) to be one limit; with the default local-memory cache each process has its own.
    """
    limit = _setting("PERHEKESKUS_PUBLIC_FORM_LIMIT_PER_MINUTE", 120)
    key = f"public-form:{kind}:{int(time.time() // 60)}"
    cache.add(key, 0, timeout=120)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=120)
        count = 1
    return bool(count <= limit)
