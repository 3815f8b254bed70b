import pytest

from tests.personas import Network, Personas, network_build, personas_build


@pytest.fixture(autouse=True)
def _test_settings(settings):
    """The test client speaks plain HTTP (production redirects it to HTTPS), static files are
    served from the source tree without collectstatic, and passwords hash fast."""
    settings.SECURE_SSL_REDIRECT = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def network(db) -> Network:
    return network_build()


@pytest.fixture
def personas(network) -> Personas:
    return personas_build(network)
