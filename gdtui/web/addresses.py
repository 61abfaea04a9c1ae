"""Which names and addresses are this server's: what it prints, and what ``Host`` and ``Origin``
headers it accepts.

A request is the server's own when its ``Host`` names the port it arrived on and either the
address it arrived at (``127.0.0.1``, ``[::1]``, ``192.168.1.5``) or one of this computer's
names (``localhost``; with a network ``--host``, the computer's hostname too). A page on another
site cannot pass: its ``Origin`` is its own site, and a name of its own that it points at
127.0.0.1 (DNS rebinding) is not one of ours.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from contextlib import suppress
from urllib.parse import urlsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

WILDCARDS = ("0.0.0.0", "::", "")
# Documentation addresses (RFC 5737, RFC 3849): connecting a UDP socket to one sends nothing,
# it only asks the system which local address its route would leave from.
ROUTE_PROBES = ((socket.AF_INET, "192.0.2.1"), (socket.AF_INET6, "2001:db8::1"))


def loopback(host: str) -> bool:
    if host == "localhost":
        return True
    address = ip(host)
    return address is not None and address.is_loopback


def ip(text: str) -> IPAddress | None:
    """``text`` as an IP address (an IPv4 address inside IPv6 as itself), or None for a name."""
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def interface_addresses() -> set[str]:
    """This computer's addresses that others on its networks may reach: those its hostname
    resolves to and those its routes leave from (link-local ones excluded: a URL cannot hold
    their interface)."""
    found: set[str] = set()
    with suppress(OSError):
        for *_, sockaddr in socket.getaddrinfo(socket.gethostname(), None):
            found.add(str(sockaddr[0]))
    for family, probe in ROUTE_PROBES:
        with suppress(OSError), socket.socket(family, socket.SOCK_DGRAM) as udp:
            udp.connect((probe, 9))
            found.add(str(udp.getsockname()[0]))
    return {
        text
        for text in found
        if (address := ip(text)) is not None
        and not address.is_loopback
        and not address.is_link_local
        and not address.is_unspecified
    }


def url(host: str, port: int) -> str:
    address = ip(host)
    shown = f"[{host}]" if address is not None and address.version == 6 else host
    return f"http://{shown}" if port == 80 else f"http://{shown}:{port}"


def urls(host: str, port: int, found: Iterable[str]) -> list[str]:
    """The addresses to print for a server on host:port: the host itself, or for a wildcard
    (``0.0.0.0`` all IPv4 interfaces, ``::`` all interfaces) 127.0.0.1 and the ``found``
    interface addresses of the families it listens on, IPv4 first."""
    if host not in WILDCARDS:
        return [url(host, port)]
    versions = (4,) if host == "0.0.0.0" else (4, 6)
    addresses = {address for text in found if (address := ip(text)) is not None}
    chosen = sorted(
        (a for a in addresses if a.version in versions and not a.is_loopback),
        key=lambda a: (a.version, int(a)),
    )
    return [url("127.0.0.1", port), *(url(str(a), port) for a in chosen)]


def own_names(host: str) -> frozenset[str]:
    """The host names (not addresses) the server answers to when listening on ``host``."""
    if loopback(host):
        return frozenset({"localhost"})
    names = {"localhost", socket.gethostname().lower()}
    if "." not in socket.gethostname():
        names.add(f"{socket.gethostname().lower()}.local")  # its mDNS name, on many networks
    if ip(host) is None and host not in WILDCARDS:
        names.add(host.lower())
    return frozenset(names)


def accepts(netloc: str, names: frozenset[str], local: tuple[str, int]) -> bool:
    """Whether ``netloc`` (a ``Host`` header, or an origin's host:port) is this server as
    reached by a connection that arrived at ``local`` (its address and port)."""
    if any(mark in netloc for mark in "/?#@\\ "):  # a path, a query, a user: not a host:port
        return False
    try:
        parts = urlsplit(f"http://{netloc}")
        port = parts.port or 80
    except ValueError:
        return False
    hostname = parts.hostname
    if not hostname or port != local[1]:
        return False
    if hostname in names:
        return True
    address = ip(hostname)
    return address is not None and address == ip(local[0])


def origin_accepted(origin: str, names: frozenset[str], local: tuple[str, int]) -> bool:
    """Whether an ``Origin`` header is a page this server sent (it sends them over http)."""
    scheme, _, netloc = origin.partition("://")
    return scheme == "http" and accepts(netloc, names, local)
