"""Reads of anonymous questions."""

from perhekeskus.questions.codes import code_digest, digest_matches, looks_like_code
from perhekeskus.questions.models import AnonymousQuestion


def question_by_code(code: str) -> AnonymousQuestion | None:
    """The question this code opens, or None: a malformed, wrong or purged code alike."""
    if not looks_like_code(code):
        return None
    question = AnonymousQuestion.objects.filter(code_digest=code_digest(code)).first()
    if question is None or not digest_matches(question.code_digest, code):
        return None
    return question
