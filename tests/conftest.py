from collections.abc import Iterator

import pytest
from django.conf import settings as django_settings
from django.test import override_settings

from tests.personas import Network, Personas, network_build, personas_build


@pytest.fixture(scope="session", autouse=True)
def _test_settings(django_test_environment):
    """For the whole session, live server included (its middleware reads these once): plain
    HTTP (production redirects to HTTPS), static files found without `collectstatic`, and
    fast password hashing, since the personas' passwords are not what tests are about."""
    with override_settings(
        SECURE_SSL_REDIRECT=False,
        SESSION_COOKIE_SECURE=False,
        CSRF_COOKIE_SECURE=False,
        STORAGES={
            **django_settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        # Each test's data differs: the search index checks for changes on every query.
        PERHEKESKUS={**django_settings.PERHEKESKUS, "SEARCH_REFRESH_SECONDS": 0},
    ):
        yield


@pytest.fixture(autouse=True)
def _fresh_search_index():
    """No test sees a search index built from another test's data."""
    from perhekeskus.search.engine import search_reset

    search_reset()
    yield
    search_reset()


@pytest.fixture
def network(db) -> Network:
    return network_build()


@pytest.fixture
def personas(network) -> Personas:
    return personas_build(network)


@pytest.fixture
def desk(network, personas):
    from tests.professionals import desk_build

    return desk_build(network, personas)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Counters kept in the cache (public forms per minute, login failures, wrong codes) start
    from nothing in each test."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _public_forms_at_test_speed(settings):
    """Tests fill the public forms faster than a person could; the timing check has its own
    tests, which set the minimum back."""
    settings.PERHEKESKUS_FORM_MIN_SECONDS = 0
    # Wrong question codes are slowed site-wide; tests of the slowing set their own pace.
    settings.PERHEKESKUS_CODE_DELAY_BASE_SECONDS = 0


@pytest.fixture
def audit_log_emptied_afterwards(transactional_db) -> Iterator[None]:
    """Transactional tests commit audit events; the test runner's flush that follows truncates
    every table, which the trigger refuses for a table with rows. Empty it as its owner may."""
    yield
    from django.db import connection

    from perhekeskus.audit.models import AuditEvent

    table = AuditEvent._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
            cursor.execute(f"DELETE FROM {table}")
            cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")
        else:
            cursor.execute(f"DELETE FROM {table}")


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the site's default language: a request through the test client
    leaves the language of its address active in the thread, which would otherwise carry a
    Swedish page's language into the next test's messages."""
    from django.utils import translation

    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.deactivate()
