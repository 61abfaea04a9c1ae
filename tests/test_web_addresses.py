"""``gdtui --web``'s addresses: the ones it prints, and the ``Host`` and ``Origin`` headers it
accepts as its own."""

from __future__ import annotations

import pytest

from gdtui.web.addresses import accepts, interface_addresses, loopback, origin_accepted, urls


@pytest.mark.parametrize(
    ("host", "is_loopback"),
    [("127.0.0.1", True), ("localhost", True), ("::1", True), ("0.0.0.0", False)],
)
def test_loopback_hosts(host: str, is_loopback: bool) -> None:
    assert loopback(host) is is_loopback


FOUND = ["10.1.2.3", "127.0.1.1", "192.168.0.7", "2001:db8::5", "::ffff:10.9.9.9"]


def test_a_wildcard_server_prints_the_addresses_a_browser_can_use() -> None:
    assert urls("0.0.0.0", 8000, FOUND) == [
        "http://127.0.0.1:8000",
        "http://10.1.2.3:8000",
        "http://10.9.9.9:8000",
        "http://192.168.0.7:8000",
    ]
    assert urls("::", 8000, FOUND)[-1] == "http://[2001:db8::5]:8000"
    assert urls("127.0.0.1", 8000, FOUND) == ["http://127.0.0.1:8000"]
    assert urls("::1", 80, FOUND) == ["http://[::1]"]
    for address in interface_addresses():  # this computer's, whatever they are
        assert not loopback(address) and address not in ("0.0.0.0", "::")
        assert urls("::", 8000, [address])[1:] != []


@pytest.mark.parametrize(
    ("netloc", "local", "accepted"),
    [
        ("127.0.0.1:8000", ("127.0.0.1", 8000), True),
        ("localhost:8000", ("127.0.0.1", 8000), True),
        ("[::1]:8000", ("::1", 8000), True),
        ("LOCALHOST:8000", ("127.0.0.1", 8000), True),
        ("10.1.2.3:8000", ("::ffff:10.1.2.3", 8000), True),  # a dual-stack socket's IPv4
        ("localhost", ("127.0.0.1", 80), True),
        ("localhost:8001", ("127.0.0.1", 8000), False),
        ("10.1.2.3:8000", ("127.0.0.1", 8000), False),  # an address it did not arrive at
        ("evil.example:8000", ("127.0.0.1", 8000), False),
        ("localhost.evil.example:8000", ("127.0.0.1", 8000), False),
        ("user@localhost:8000", ("127.0.0.1", 8000), False),
        ("localhost:8000/x", ("127.0.0.1", 8000), False),
        ("localhost:port", ("127.0.0.1", 8000), False),
        ("", ("127.0.0.1", 8000), False),
    ],
)
def test_own_addresses(netloc: str, local: tuple[str, int], accepted: bool) -> None:
    assert accepts(netloc, frozenset({"localhost"}), local) is accepted


def test_an_origin_is_this_server_over_http() -> None:
    names, local = frozenset({"localhost"}), ("127.0.0.1", 8000)
    assert origin_accepted("http://127.0.0.1:8000", names, local)
    assert not origin_accepted("https://127.0.0.1:8000", names, local)
    assert not origin_accepted("null", names, local)
    assert not origin_accepted("http://127.0.0.1:8000.evil.example", names, local)
