"""Keys for the identity codes of one test, and the Virtanen family."""

import pytest
from cryptography.fernet import Fernet

from tests.clients.families import Virtanen, virtanen_build


@pytest.fixture
def identity_keys(settings) -> list[str]:
    """Keys of this test alone, set as production sets them: returns the Fernet keys."""
    keys = [Fernet.generate_key().decode()]
    settings.PERHEKESKUS_IDENTITY_KEYS = keys
    settings.PERHEKESKUS_IDENTITY_HASH_KEY = (
        "hash-key-of-this-test-" + Fernet.generate_key().decode()
    )
    return keys


@pytest.fixture
def virtanen(db, identity_keys) -> Virtanen:
    return virtanen_build()
