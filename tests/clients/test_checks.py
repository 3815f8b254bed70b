"""`check --deploy` refuses production settings whose identity-code keys would be derived from
SECRET_KEY; a malformed key is refused by every `check`."""

from cryptography.fernet import Fernet
from django.core.checks import run_checks

from tests.processes import command_env, run
from tests.test_settings import PRODUCTION


def _client_check_ids(*, deploy: bool) -> list[str]:
    messages = run_checks(include_deployment_checks=deploy)
    return sorted(message.id for message in messages if (message.id or "").startswith("clients."))


def test_deploy_check_errors_without_identity_keys(settings):
    settings.PERHEKESKUS_IDENTITY_KEYS = []
    settings.PERHEKESKUS_IDENTITY_HASH_KEY = ""

    assert _client_check_ids(deploy=True) == ["clients.E001", "clients.E002"]
    # The demo and the tests run without them: only the deploy check minds.
    assert _client_check_ids(deploy=False) == []


def test_deploy_check_passes_with_both_keys_set(settings):
    settings.PERHEKESKUS_IDENTITY_KEYS = [Fernet.generate_key().decode()]
    settings.PERHEKESKUS_IDENTITY_HASH_KEY = "k" * 32

    assert _client_check_ids(deploy=True) == []


def test_a_short_hash_key_is_refused(settings):
    settings.PERHEKESKUS_IDENTITY_KEYS = [Fernet.generate_key().decode()]
    settings.PERHEKESKUS_IDENTITY_HASH_KEY = "short"

    assert _client_check_ids(deploy=True) == ["clients.E003"]


def test_a_malformed_key_is_refused_by_name_not_by_value(settings):
    good = Fernet.generate_key().decode()
    settings.PERHEKESKUS_IDENTITY_KEYS = [good, "not-a-fernet-key-SECRET"]

    messages = [m for m in run_checks() if m.id == "clients.E004"]

    assert len(messages) == 1
    assert "number 2" in messages[0].msg
    assert "SECRET" not in messages[0].msg + (messages[0].hint or "")


def test_an_operator_without_identity_keys_is_stopped_by_check_deploy(tmp_path):
    without = {
        key: value
        for key, value in PRODUCTION.items()
        if not key.startswith("PERHEKESKUS_IDENTITY")
    }

    check = run("perhekeskus", "check", "--deploy", env=command_env(data_dir=tmp_path, **without))

    assert check.returncode != 0
    assert "clients.E001" in check.stderr
    assert "clients.E002" in check.stderr
