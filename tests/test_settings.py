"""Settings from the environment: production is secure, the embedded demo works over http."""

import secrets

import pytest
from cryptography.fernet import Fernet

from tests.processes import command_env, run

PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "perhekeskus.example.fi",
    "PERHEKESKUS_HTTPS": "true",
    "PERHEKESKUS_IDENTITY_KEYS": Fernet.generate_key().decode(),
    "PERHEKESKUS_IDENTITY_HASH_KEY": secrets.token_urlsafe(48),
}


def test_production_settings_pass_the_deploy_check(tmp_path):
    check = run(
        "perhekeskus", "check", "--deploy", env=command_env(data_dir=tmp_path, **PRODUCTION)
    )

    assert check.returncode == 0, check.stderr
    assert "System check identified no issues" in check.stdout
    assert "WARNINGS" not in check.stderr + check.stdout


def test_deploy_check_flags_a_forgotten_secret_key(tmp_path):
    without_key = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}

    check = run(
        "perhekeskus", "check", "--deploy", env=command_env(data_dir=tmp_path, **without_key)
    )

    assert "security.W009" in check.stdout + check.stderr


def test_deploy_check_flags_debug_left_on(tmp_path):
    check = run(
        "perhekeskus",
        "check",
        "--deploy",
        env=command_env(data_dir=tmp_path, **{**PRODUCTION, "DEBUG": "true"}),
    )

    assert "security.W018" in check.stdout + check.stderr


def test_web_server_refuses_to_start_without_a_secret_key(tmp_path):
    gunicorn = ("-c", "python:perhekeskus.gunicorn_conf", "--check-config", "perhekeskus.wsgi")
    without_key = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}

    refused = run("gunicorn", *gunicorn, env=command_env(data_dir=tmp_path, **without_key))
    assert refused.returncode != 0
    assert "SECRET_KEY must be set in production" in refused.stderr

    started = run("gunicorn", *gunicorn, env=command_env(data_dir=tmp_path, **PRODUCTION))
    assert started.returncode == 0, started.stderr


LOGIN_OVER_HTTP = (
    "from django.test import Client; r = Client().get('/fi/admin/login/'); "
    "print(r.status_code, r.headers.get('Location', '-'))"
)


@pytest.mark.parametrize(
    ("https", "expected"),
    [
        pytest.param("false", "200 -", id="embedded-demo-serves-plain-http"),
        pytest.param("true", "301 https://testserver/fi/admin/login/", id="production-redirects"),
    ],
)
def test_plain_http_is_served_only_when_https_is_off(tmp_path, https, expected):
    env = command_env(
        data_dir=tmp_path,
        **{**PRODUCTION, "ALLOWED_HOSTS": "testserver", "PERHEKESKUS_HTTPS": https},
        # No collectstatic in this data directory, so no manifest of hashed names.
        PERHEKESKUS_MANIFEST_STATIC="false",
    )

    login = run("perhekeskus", "shell", "--no-imports", "-c", LOGIN_OVER_HTTP, env=env)

    assert login.returncode == 0, login.stderr
    assert login.stdout.strip() == expected
