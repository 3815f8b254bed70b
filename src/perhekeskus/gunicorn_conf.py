"""gunicorn settings: `gunicorn -c python:perhekeskus.gunicorn_conf perhekeskus.wsgi`.

Everything is read from the environment so that one image serves the embedded demo
(`make run`) and production nodes behind a TLS-terminating proxy.
"""

import multiprocessing
import os
from typing import Any

from gunicorn.glogging import Logger

from perhekeskus.questions.logging import redact_codes

# Serving the app is where a missing SECRET_KEY matters: management commands and tests may run
# on the development key, a web server must not (settings raise ImproperlyConfigured).
os.environ.setdefault("PERHEKESKUS_REQUIRE_SECRET_KEY", "true")

bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", min(2 * multiprocessing.cpu_count() + 1, 8)))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 20
# Restart workers now and then so that a slow leak cannot grow without bound.
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
# No client address, user agent or query string in the log: what families type (a search, a
# situation) and who they are stay out of it. The path, status, size and time remain.
access_log_format = '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'


class PrivateAccessLogger(Logger):
    """The access log never holds an anonymous question's code (/fi/ask/q/<code>/,
    /api/v1/questions/<code>), a client's address or its user agent, whatever the format."""

    HIDDEN = ("h", "a", "{remote_addr}e", "{http_user_agent}e", "{user-agent}i")

    def atoms(self, resp: Any, req: Any, environ: Any, request_time: Any) -> dict[str, Any]:
        atoms = super().atoms(resp, req, environ, request_time)
        for name in self.HIDDEN:
            if name in atoms:
                atoms[name] = "-"
        for name in ("{x-forwarded-for}i", "{x-real-ip}i", "{forwarded}i"):
            atoms.pop(name, None)
        return {
            name: redact_codes(value) if isinstance(value, str) else value
            for name, value in atoms.items()
        }


logger_class = PrivateAccessLogger

errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
# The proxy in front sets X-Forwarded-Proto; settings trust it through SECURE_PROXY_SSL_HEADER.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# gunicorn >= 24 opens a control socket in $HOME, shared by every instance of the same user;
# nodes are managed by their supervisor, so leave it off.
control_socket_disable = True

# Load the app and build the search index once in the master: workers fork with it ready and
# share its memory until they refresh their own copy (see perhekeskus.search.index).
preload_app = os.environ.get("PERHEKESKUS_SEARCH_PRELOAD", "true").lower() != "false"


def when_ready(server: object) -> None:
    if not preload_app:
        return
    from django.db import connections

    from perhekeskus.guidance.engine import model_warm
    from perhekeskus.search.index import index_warm

    try:
        index_warm()
        model_warm()
    finally:
        # A connection must not cross a fork: each worker opens its own.
        connections.close_all()
