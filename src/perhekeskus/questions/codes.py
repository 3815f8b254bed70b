"""The code with which an anonymous asker reads the answer: 192 random bits, shown once.

Only a keyed digest (HMAC-SHA256) is stored, so the database alone cannot open a question; the
digest is looked up by its index and then compared in constant time."""

import hashlib
import hmac
import secrets
import string

from django.conf import settings

CODE_BYTES = 24  # 192 bits; the issue asks for at least 128
CODE_LENGTH = 32  # characters of URL-safe base64
CODE_ALPHABET = frozenset(string.ascii_letters + string.digits + "-_")


def _key() -> bytes:
    secret = getattr(settings, "PERHEKESKUS_CODE_KEY", "") or settings.SECRET_KEY
    return hashlib.sha256(f"perhekeskus.questions.code:{secret}".encode()).digest()


def new_code() -> str:
    return secrets.token_urlsafe(CODE_BYTES)


def code_digest(code: str) -> str:
    return hmac.new(_key(), code.encode("utf-8", "surrogatepass"), hashlib.sha256).hexdigest()


def digest_matches(stored: str, code: str) -> bool:
    return hmac.compare_digest(stored, code_digest(code))


def looks_like_code(code: str) -> bool:
    """Shape only, so that a malformed code costs no database query (still the same 404)."""
    return len(code) == CODE_LENGTH and all(c in CODE_ALPHABET for c in code)
