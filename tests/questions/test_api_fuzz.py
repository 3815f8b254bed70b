"""No input makes the questions' API answer 5xx, and each answer is one a caller can act on:
asked (201), refused with a reason (400), no such code (404), not receiving (409), busy (429)
or a method the path does not have (405). Requests are generated from our OpenAPI document."""

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

FUZZ = settings(
    max_examples=25,
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


schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """The raw WSGI handler's request signals would close the test's own transaction."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.slow
@schema.include(path_regex="/questions").parametrize()
@FUZZ
def test_no_request_makes_the_questions_api_fail(case, desk):
    response = case.call_and_validate(checks=[not_a_server_error])

    assert response.status_code in (200, 201, 400, 404, 405, 409, 429)
    if response.status_code != 405:  # a method the path does not have: nothing to cache
        assert response.headers.get("cache-control") == ["no-store"]
