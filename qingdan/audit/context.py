"""Where the current request comes from, so actions can audit it without passing the request around.

The client's address is REMOTE_ADDR, unless that is a trusted proxy (settings.QINGDAN_TRUSTED_PROXIES,
from the environment variable of the same name: addresses or networks such as 127.0.0.1 or 10.0.0.0/8,
comma-separated). Then it is read from X-Forwarded-For, from the right: each proxy appends the address it
was called from, so the rightmost address that is not itself a trusted proxy is the client; anything left
of it was written by the client and proves nothing. A header that is missing or not an address leaves the
proxy's own address. With no trusted proxies (the default) the header is never read, so nobody can choose
the address written into the audit trail by sending it.
"""

from __future__ import annotations

import ipaddress
from contextvars import ContextVar
from functools import lru_cache

from django.conf import settings

client_ip: ContextVar[str | None] = ContextVar("client_ip", default=None)

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def trusted_networks() -> tuple[Network, ...]:
    return _networks(tuple(getattr(settings, "QINGDAN_TRUSTED_PROXIES", ())))


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def _is_trusted(address, networks: tuple[Network, ...]) -> bool:
    return any(address.version == network.version and address in network for network in networks)


def ip_of(request) -> str | None:
    peer = request.META.get("REMOTE_ADDR") or None
    networks = trusted_networks()
    peer_address = _address(peer or "")
    if peer_address is None or not networks or not _is_trusted(peer_address, networks):
        return peer
    hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    client = peer
    for hop in reversed(hops):
        address = _address(hop)
        if address is None:
            break  # not an address: trust nothing further left
        client = str(address)
        if not _is_trusted(address, networks):
            break
    return client


class ClientIPMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = client_ip.set(ip_of(request))
        try:
            return self.get_response(request)
        finally:
            client_ip.reset(token)
