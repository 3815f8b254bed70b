"""No input makes the API answer 5xx: schemathesis generates valid and invalid requests from our
own OpenAPI document and sends them to the app in-process (WSGI), with and without a token."""

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from perhekeskus.network.tokens import api_token_create

FUZZ = settings(
    max_examples=20,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)


_django = WSGIHandler()


def application(environ, start_response):
    # As if behind the TLS-terminating proxy, so that the HTTPS redirect stays out of the way.
    environ["wsgi.url_scheme"] = "https"
    return _django(environ, start_response)


# Loaded at import: schemathesis' fixture-based loader does not work with this pytest version.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
hsds_schema = schemathesis.openapi.from_wsgi("/api/hsds/openapi.json", application)


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """The raw WSGI handler sends the request signals that close "old" connections; on
    PostgreSQL that would close the test's own transaction (Django's test client does the same)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def leena_token(personas):
    _token, plaintext = api_token_create(user=personas.leena, name="fuzz")
    return {"Authorization": f"Bearer {plaintext}"}


@pytest.mark.slow
@schema.include(method="GET").parametrize()
@FUZZ
def test_no_read_makes_the_api_fail(case, network):
    case.call_and_validate(checks=[not_a_server_error])


@pytest.mark.slow
# Anonymous questions are written without a token by design (tests/questions/test_api_fuzz.py).
@schema.exclude(method="GET").exclude(path_regex="/questions").parametrize()
@FUZZ
def test_no_write_without_a_token_makes_the_api_fail(case, network):
    response = case.call_and_validate(checks=[not_a_server_error], headers={"Authorization": ""})
    # Refused: unreadable (400), no token (401), or a method the path does not have (405).
    assert response.status_code in (400, 401, 405)


@pytest.mark.slow
@schema.exclude(method="GET").parametrize()
@FUZZ
def test_no_write_with_a_maintainer_token_makes_the_api_fail(case, network, leena_token):
    case.call_and_validate(checks=[not_a_server_error], headers=leena_token)


@pytest.mark.slow
@hsds_schema.parametrize()
@FUZZ
def test_no_request_makes_the_hsds_api_fail(case, network):
    response = case.call_and_validate(checks=[not_a_server_error])
    # Every answer, errors included, is JSON (schemathesis gives headers lower-cased, as lists).
    assert response.headers["content-type"][0].startswith("application/json")
