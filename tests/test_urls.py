"""URL canonicalisation, registered domains and publishers."""

from __future__ import annotations

import pytest

from newswire.parse.urls import canonical_url, publisher_for, registered_domain


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("<https://WWW.Example.com/a/b/>", "https://www.example.com/a/b"),
        ("https://example.com/a?utm_source=x&utm_medium=y&id=3#frag", "https://example.com/a?id=3"),
        ("https://example.com/a?b=2&a=1&fbclid=zz&gclid=1", "https://example.com/a?a=1&b=2"),
        ("http://example.com:80/a", "http://example.com/a"),
        ("https://example.com:8443/a", "https://example.com:8443/a"),
        ("https://example.com", "https://example.com/"),
    ],
)
def test_canonical_url(raw: str, canonical: str) -> None:
    assert canonical_url(raw) == canonical


@pytest.mark.parametrize(
    "raw",
    [
        "javascript:alert(1)",
        "data:text/html,<b>x</b>",
        "ftp://example.com/a",
        "not a url",
        "https://localhost/a",
        "https://exa mple.com/a",
    ],
)
def test_non_article_urls_are_refused(raw: str) -> None:
    assert canonical_url(raw) is None


def test_registered_domain_uses_the_public_suffix_list() -> None:
    assert registered_domain("https://www.bbc.co.uk/news/x") == "bbc.co.uk"
    assert registered_domain("https://news.example.com/a") == "example.com"


def test_publisher_table() -> None:
    assert publisher_for("themoscowtimes.com") == "The Moscow Times"
    assert publisher_for("unknown-site.example") is None
    assert publisher_for(None) is None
