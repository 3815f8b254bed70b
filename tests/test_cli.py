"""The `perhekeskus` command: Django's management commands plus the project's own."""

import django

from tests.processes import command_env, run


def test_operator_runs_djangos_own_commands_through_perhekeskus(tmp_path):
    env = command_env(data_dir=tmp_path)

    version = run("perhekeskus", "version", env=env)
    assert version.returncode == 0, version.stderr
    assert version.stdout.strip() == django.get_version()

    check = run("perhekeskus", "check", env=env)
    assert check.returncode == 0, check.stderr
    assert "System check identified no issues" in check.stdout


def test_help_lists_migrate_createsuperuser_and_the_project_commands(tmp_path):
    listing = run("perhekeskus", "help", env=command_env(data_dir=tmp_path))

    assert listing.returncode == 0, listing.stderr
    for command in ("migrate", "createsuperuser", "collectstatic", "demo", "bench"):
        assert f"    {command}\n" in listing.stdout, command


def test_hsds_commands_are_spelled_with_hyphens(tmp_path):
    env = command_env(data_dir=tmp_path)
    for command in ("export-hsds", "import-hsds"):
        for words in ((command, "--help"), ("help", command)):
            usage = run("perhekeskus", *words, env=env)
            assert usage.returncode == 0, usage.stderr
            assert "usage: perhekeskus" in usage.stdout
            assert "DIR" in usage.stdout.upper()


def test_unknown_command_fails_with_a_non_zero_status(tmp_path):
    result = run("perhekeskus", "no-such-command", env=command_env(data_dir=tmp_path))

    assert result.returncode != 0
    assert "Unknown command" in result.stderr
