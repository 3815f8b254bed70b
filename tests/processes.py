"""Run the installed commands the way an operator does: in a separate process, with only the
environment given here (the caller's own configuration variables are left out)."""

import os
import subprocess
import sys
from pathlib import Path

BIN = Path(sys.executable).parent
# Variables that change how the app behaves; each test sets the ones its story needs.
CONFIGURATION = (
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "PERHEKESKUS_HTTPS",
    "PERHEKESKUS_REQUIRE_SECRET_KEY",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "PERHEKESKUS_IDENTITY_KEYS",
    "PERHEKESKUS_IDENTITY_HASH_KEY",
    # Set by the browser tests' fixtures in this process; never in a deployment.
    "DJANGO_ALLOW_ASYNC_UNSAFE",
)


def command_env(*, data_dir: Path, **variables: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in CONFIGURATION}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env["PERHEKESKUS_DATA_DIR"] = str(data_dir)
    env.update(variables)
    return env


def run(program: str, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / program), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
        check=False,
    )
