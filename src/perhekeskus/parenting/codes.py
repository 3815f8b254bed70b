"""A parent's code: 192 random bits (the anonymous questions' kind of code), shown once.

Only a keyed digest (HMAC-SHA256) is stored, under a key of its own, so that neither the
database alone nor a question's digest opens a plan. The code never travels in an address: it
is typed into a form, or carried in the link's fragment (after "#"), which browsers never send
to the server, and posted from there."""

import hashlib
import hmac

from django.conf import settings

from perhekeskus.questions.codes import CODE_LENGTH, looks_like_code, new_code

__all__ = ["CODE_LENGTH", "code_digest", "digest_matches", "looks_like_code", "new_code"]


def _key() -> bytes:
    secret = getattr(settings, "PERHEKESKUS_CODE_KEY", "") or settings.SECRET_KEY
    return hashlib.sha256(f"perhekeskus.parenting.code:{secret}".encode()).digest()


def code_digest(code: str) -> str:
    return hmac.new(_key(), code.encode("utf-8", "surrogatepass"), hashlib.sha256).hexdigest()


def digest_matches(stored: str, code: str) -> bool:
    return hmac.compare_digest(stored, code_digest(code))
