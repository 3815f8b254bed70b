"""Keeping the anonymous questions' codes out of every log.

A code is a key to a family's question; a path such as /fi/ask/q/<code>/ or
/api/v1/questions/<code> must never be written to a log, so both the web server's access log
(gunicorn_conf's logger class) and Django's own log records replace the code with "[code]".
This module imports nothing of Django's models, so gunicorn's master can import it early.
"""

import logging
import re
from typing import Any

REDACTED = "[code]"
CODE_IN_PATH = re.compile(r"(/ask/q/|/api/v1/questions/)(?!\[code\])[^/?#\s\"'<>]+")


def redact_codes(text: str) -> str:
    """The text with every question code in a path replaced by "[code]"."""
    return CODE_IN_PATH.sub(lambda match: match.group(1) + REDACTED, text)


class RedactCodes(logging.Filter):
    """A logging filter (for handlers, or loggers such as django.request and django.server)
    that rewrites a record's message when it holds a question code. It never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken record is left to the handler to report
            return True
        redacted = redact_codes(message)
        if redacted != message:
            record.msg = redacted
            record.args = None
        # Django attaches the request, whose repr names the path: drop it when that holds a code.
        path = getattr(getattr(record, "request", None), "path", "")
        if isinstance(path, str) and redact_codes(path) != path:
            record.request = None
        return True


def log_response_redacted(request: Any, response: Any) -> None:
    """Log an error response as Django would ("Not Found: <path>"), with the code redacted;
    Django then skips its own record of it, which would name the code. The request is left out
    of the record: its repr names the path."""
    from django.utils.log import log_response

    log_response(
        "%s: %s",
        response.reason_phrase,
        redact_codes(request.path),
        response=response,
        request=None,
    )
