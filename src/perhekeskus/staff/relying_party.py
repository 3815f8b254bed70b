"""Which site a passkey belongs to (the WebAuthn relying party): the configured domain, or in
development the request's own host. Browsers refuse passkeys on an IP address, so the demo at
http://127.0.0.1:8000 offers them at http://localhost:8000 instead."""

from ipaddress import ip_address

from django.conf import settings
from django.http import HttpRequest
from django.http.request import split_domain_port


def rp_id(request: HttpRequest) -> str:
    """The relying party ID: the configured domain, else the request's own host name."""
    configured = str(settings.PERHEKESKUS_PASSKEY_RP_ID)
    if configured:
        return configured
    domain, _port = split_domain_port(request.get_host())
    return domain


def allowed_origins(request: HttpRequest) -> list[str]:
    """The configured origins, else the request's own (scheme and host)."""
    configured = list(settings.PERHEKESKUS_PASSKEY_ORIGINS)
    return configured or [f"{request.scheme}://{request.get_host()}"]


def _is_ip_address(host: str) -> bool:
    try:
        ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def passkeys_possible(request: HttpRequest) -> bool:
    """Browsers create and use passkeys only for a site with a name, not an IP address."""
    return not _is_ip_address(rp_id(request))


def named_address(request: HttpRequest) -> str:
    """This page at http://localhost when it was opened at a loopback IP address (the demo),
    else "" (nothing to suggest)."""
    domain, port = split_domain_port(request.get_host())
    if not _is_ip_address(domain) or not ip_address(domain.strip("[]")).is_loopback:
        return ""
    host = f"localhost:{port}" if port else "localhost"
    return f"{request.scheme}://{host}{request.get_full_path()}"
