"""GET /healthz: what a load balancer sees."""

import json

import pytest

from tests.processes import command_env, run

PROBE = (
    "from django.test import Client; r = Client().get('/healthz'); "
    "print(r.status_code, r.headers['Cache-Control'], r.content.decode(), sep='|')"
)


@pytest.mark.django_db
def test_load_balancer_probing_over_plain_http_gets_200_when_the_database_answers(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    # A cached "ok" would hide an outage.
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.parametrize(
    "database_url",
    [
        pytest.param("sqlite:////nonexistent-perhekeskus-dir/db.sqlite3", id="sqlite-unopenable"),
        pytest.param("postgres://nobody:secret@127.0.0.1:1/perhekeskus", id="postgresql-refused"),
    ],
)
def test_node_whose_database_is_unreachable_answers_503(tmp_path, database_url):
    # A separate process, because the test process's own connection is to a working database.
    env = command_env(data_dir=tmp_path, DATABASE_URL=database_url)

    probe = run("perhekeskus", "shell", "--no-imports", "-c", PROBE, env=env)

    assert probe.returncode == 0, probe.stderr
    status, cache_control, body = probe.stdout.strip().split("|")
    assert status == "503"
    assert "no-cache" in cache_control
    assert json.loads(body) == {"status": "unavailable", "database": "unreachable"}
