"""Identity codes at rest: encrypted with the configured keys, rotated without downtime, and
found by a keyed digest. The demo and tests derive their keys from SECRET_KEY."""

import base64

import pytest
from cryptography.fernet import Fernet

from perhekeskus.clients.identity import (
    IdentityCodeUnreadable,
    encryption_keys,
    hash_key,
    identity_code_decrypt,
    identity_code_digest,
    identity_code_encrypt,
    identity_code_reencrypt,
)
from perhekeskus.errors import InvalidInput
from tests.clients.codes import OFFICIAL_EXAMPLE


def test_a_code_comes_back_from_its_token_normalised(identity_keys):
    token = identity_code_encrypt(" 131052-308t ")

    assert OFFICIAL_EXAMPLE not in token
    assert identity_code_decrypt(token) == OFFICIAL_EXAMPLE


def test_two_encryptions_of_one_code_differ_and_both_open(identity_keys):
    first, second = identity_code_encrypt(OFFICIAL_EXAMPLE), identity_code_encrypt(OFFICIAL_EXAMPLE)

    assert first != second
    assert identity_code_decrypt(first) == identity_code_decrypt(second) == OFFICIAL_EXAMPLE


def test_an_invalid_code_is_never_encrypted(identity_keys):
    with pytest.raises(InvalidInput):
        identity_code_encrypt("131052-308U")


def test_a_new_key_put_first_still_opens_codes_of_the_old_key(settings, identity_keys):
    old_token = identity_code_encrypt(OFFICIAL_EXAMPLE)
    new_key = Fernet.generate_key().decode()

    settings.PERHEKESKUS_IDENTITY_KEYS = [new_key, *identity_keys]

    assert identity_code_decrypt(old_token) == OFFICIAL_EXAMPLE
    assert Fernet(new_key).decrypt(identity_code_encrypt(OFFICIAL_EXAMPLE)) == b"131052-308T"


def test_reencrypted_codes_open_after_the_old_key_is_dropped(settings, identity_keys):
    old_token = identity_code_encrypt(OFFICIAL_EXAMPLE)
    new_key = Fernet.generate_key().decode()
    settings.PERHEKESKUS_IDENTITY_KEYS = [new_key, *identity_keys]

    new_token = identity_code_reencrypt(old_token)
    settings.PERHEKESKUS_IDENTITY_KEYS = [new_key]

    assert identity_code_decrypt(new_token) == OFFICIAL_EXAMPLE
    with pytest.raises(IdentityCodeUnreadable) as unreadable:
        identity_code_decrypt(old_token)
    assert OFFICIAL_EXAMPLE not in str(unreadable.value)


def test_a_damaged_token_is_unreadable_not_a_crash_of_another_kind(identity_keys):
    token = identity_code_encrypt(OFFICIAL_EXAMPLE)

    with pytest.raises(IdentityCodeUnreadable):
        identity_code_decrypt(token[:-4] + "AAAA")
    with pytest.raises(IdentityCodeUnreadable):
        identity_code_decrypt("not a token – ei avain")


def test_the_keys_may_be_written_as_one_comma_separated_string(settings):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.PERHEKESKUS_IDENTITY_KEYS = f" {new} , {old} "

    assert encryption_keys() == [new, old]


def test_the_digest_is_the_same_for_every_spelling_of_a_code(identity_keys):
    digest = identity_code_digest(OFFICIAL_EXAMPLE)

    assert digest == identity_code_digest("  131052-308t")
    assert len(digest) == 64
    assert int(digest, 16) >= 0
    assert digest != identity_code_digest("010594Y9021")
    assert identity_code_digest("010594-9021") != identity_code_digest("010594Y9021")


def test_the_digest_changes_with_the_hash_key(settings, identity_keys):
    before = identity_code_digest(OFFICIAL_EXAMPLE)

    settings.PERHEKESKUS_IDENTITY_HASH_KEY = "another-hash-key-for-another-installation-0123"

    assert identity_code_digest(OFFICIAL_EXAMPLE) != before


def test_the_digest_does_not_depend_on_the_encryption_keys(settings, identity_keys):
    before = identity_code_digest(OFFICIAL_EXAMPLE)

    settings.PERHEKESKUS_IDENTITY_KEYS = [Fernet.generate_key().decode()]

    assert identity_code_digest(OFFICIAL_EXAMPLE) == before


def test_without_configured_keys_the_demo_derives_them_from_secret_key(settings):
    settings.PERHEKESKUS_IDENTITY_KEYS = []
    settings.PERHEKESKUS_IDENTITY_HASH_KEY = ""
    settings.SECRET_KEY = "demo-secret-key-one-" + "x" * 40
    token, digest = identity_code_encrypt(OFFICIAL_EXAMPLE), identity_code_digest(OFFICIAL_EXAMPLE)
    derived_encryption_key = base64.urlsafe_b64decode(encryption_keys()[0])

    assert identity_code_decrypt(token) == OFFICIAL_EXAMPLE
    assert identity_code_digest(OFFICIAL_EXAMPLE) == digest, "deterministic"
    # One label per purpose: neither key is the other, nor SECRET_KEY itself.
    assert derived_encryption_key != hash_key()
    assert settings.SECRET_KEY.encode() not in (derived_encryption_key, hash_key())

    # Why production must set its own keys: a new SECRET_KEY loses every stored code.
    settings.SECRET_KEY = "demo-secret-key-two-" + "x" * 40
    assert identity_code_digest(OFFICIAL_EXAMPLE) != digest
    with pytest.raises(IdentityCodeUnreadable):
        identity_code_decrypt(token)
