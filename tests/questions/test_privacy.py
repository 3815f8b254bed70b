"""No IP address or user agent of an anonymous asker is stored, in the database or in the logs,
and no question's code is written to a log: not Django's, not the web server's access log."""

import json
import logging
import os
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.test import Client

from perhekeskus.questions.codes import new_code
from perhekeskus.questions.logging import RedactCodes, redact_codes
from perhekeskus.questions.models import AnonymousQuestion
from tests.questions.helpers import ask_on_page, code_on, stamp_of, where_in_database

pytestmark = pytest.mark.django_db

ADDRESS = "203.0.113.77"
AGENT = "Mozilla/5.0 PrivacyProbe/9.9"


def everything_logged(caplog) -> str:
    """Every record's message and every attribute it carries (extra data included)."""
    return "\n".join(f"{record.getMessage()} {vars(record)!r}" for record in caplog.records)


def test_no_address_or_user_agent_of_an_asker_is_stored_or_logged(desk, caplog):
    caplog.set_level(logging.DEBUG)
    asker = Client(REMOTE_ADDR=ADDRESS, HTTP_USER_AGENT=AGENT, HTTP_X_FORWARDED_FOR=ADDRESS)

    # On the page: ask, read, reply, and a wrong code on the way.
    page_code = code_on(ask_on_page(asker, "fi", text="Sivulta kysytty", municipality="049"))
    shown = asker.get(f"/fi/ask/q/{page_code}/")
    asker.post(f"/fi/ask/q/{page_code}/", {"text": "Lisäkysymys", "stamp": stamp_of(shown)})
    asker.get(f"/fi/ask/q/{new_code()}/")
    ask_on_page(asker, "fi", text="")  # refused: a 400 is logged
    # Through the API: ask, read, reply, and bad input.
    api_code = asker.post(
        "/api/v1/questions",
        json.dumps({"text": "Rajapinnan kautta", "lang": "sv"}),
        content_type="application/json",
    ).json()["code"]
    asker.get(f"/api/v1/questions/{api_code}")
    asker.post(
        f"/api/v1/questions/{api_code}/replies",
        json.dumps({"text": "Till"}),
        content_type="application/json",
    )
    asker.get(f"/api/v1/questions/{new_code()}")
    asker.post("/api/v1/questions", "{", content_type="application/json")

    assert AnonymousQuestion.objects.count() == 2
    logged = everything_logged(caplog)
    assert "Not Found: /fi/ask/q/[code]/" in logged  # the logs were captured
    for secret in (ADDRESS, AGENT, "PrivacyProbe"):
        assert secret not in logged
        assert where_in_database(secret) == []
    for code in (page_code, api_code):
        assert code not in logged
        assert where_in_database(code) == []


def test_djangos_request_log_names_no_code(client, desk, caplog):
    caplog.set_level(logging.DEBUG)
    wrong = new_code()

    client.get(f"/en/ask/q/{wrong}/")
    client.get(f"/api/v1/questions/{wrong}")

    messages = [record.getMessage() for record in caplog.records]
    assert "Not Found: /en/ask/q/[code]/" in messages
    assert "Not Found: /api/v1/questions/[code]" in messages
    assert wrong not in everything_logged(caplog)


def test_a_refused_forged_reply_logs_no_code(desk, caplog):
    caplog.set_level(logging.DEBUG)
    asker = Client(enforce_csrf_checks=True)
    code = code_on(ask_on_page(Client(), "fi"))

    refused = asker.post(f"/fi/ask/q/{code}/", {"text": "Forged"})

    assert refused.status_code == 403
    messages = [record.getMessage() for record in caplog.records]
    assert any(m.startswith("Forbidden (CSRF") and "/fi/ask/q/[code]/" in m for m in messages)
    assert code not in everything_logged(caplog)


def test_the_logging_filter_redacts_codes_in_any_record():
    code = new_code()
    record = logging.LogRecord(
        "django.security.csrf",
        logging.WARNING,
        __file__,
        1,
        "Forbidden (%s): %s",
        ("CSRF token missing.", f"/sv/ask/q/{code}/"),
        None,
    )
    record.request = SimpleNamespace(path=f"/sv/ask/q/{code}/")

    assert RedactCodes().filter(record) is True
    assert record.getMessage() == "Forbidden (CSRF token missing.): /sv/ask/q/[code]/"
    assert code not in repr(vars(record))


def test_redaction_leaves_other_paths_alone():
    assert redact_codes("GET /fi/ask/ 200") == "GET /fi/ask/ 200"
    assert redact_codes("/fi/staff/inbox/questions/12/") == "/fi/staff/inbox/questions/12/"
    assert redact_codes("/api/v1/questions") == "/api/v1/questions"
    assert redact_codes("/api/v1/questions/abc/replies") == "/api/v1/questions/[code]/replies"


@pytest.fixture
def access_logger(monkeypatch):
    # Importing the web server's settings must not make this test process demand a secret key.
    monkeypatch.setenv(
        "PERHEKESKUS_REQUIRE_SECRET_KEY", os.environ.get("PERHEKESKUS_REQUIRE_SECRET_KEY", "")
    )
    from gunicorn.config import Config

    from perhekeskus import gunicorn_conf

    config = Config()
    config.set("access_log_format", gunicorn_conf.access_log_format)
    assert gunicorn_conf.logger_class is gunicorn_conf.PrivateAccessLogger
    return gunicorn_conf.PrivateAccessLogger(config)


@pytest.mark.parametrize(
    ("path", "logged"),
    [
        ("/fi/ask/q/{code}/", "/fi/ask/q/[code]/"),
        ("/api/v1/questions/{code}", "/api/v1/questions/[code]"),
        ("/api/v1/questions/{code}/replies", "/api/v1/questions/[code]/replies"),
        ("/fi/ask/", "/fi/ask/"),
    ],
)
def test_the_access_log_names_no_code_address_or_agent(access_logger, path, logged):
    code = new_code()
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": path.format(code=code),
        "PATH_INFO": path.format(code=code),
        "QUERY_STRING": "",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": ADDRESS,
        "HTTP_USER_AGENT": AGENT,
        "HTTP_REFERER": f"https://perhekeskus.example/fi/ask/q/{code}/",
    }
    request = SimpleNamespace(headers=[("USER-AGENT", AGENT), ("X-FORWARDED-FOR", ADDRESS)])
    response = SimpleNamespace(status="200 OK", sent=1234, headers=[])

    atoms = access_logger.atoms(response, request, environ, timedelta(milliseconds=12))
    line = access_logger.cfg.access_log_format % access_logger.atoms_wrapper_class(atoms)

    assert atoms["U"] == logged
    assert f'"GET {logged} HTTP/1.1" 200 1234 12ms' in line
    everything = repr(atoms)
    for secret in (code, ADDRESS, AGENT):
        assert secret not in everything
