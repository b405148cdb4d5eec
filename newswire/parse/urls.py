"""Canonical URLs, registered domains and known publishers."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import tldextract

# Query parameters that only track the reader; they never select different content.
_TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "msclkid",
        "mc_cid",
        "mc_eid",
        "igshid",
        "yclid",
        "_ga",
        "ref",
        "ref_src",
        "cmpid",
        "ocid",
        "smid",
        "sr_share",
        "taid",
        "ito",
        "CMP",
    }
)
_TRACKING_PREFIXES = ("utm_", "at_", "pk_", "mkt_", "__twitter")
_ALLOWED_SCHEMES = frozenset({"http", "https"})


@cache
def _extractor() -> tldextract.TLDExtract:
    # The bundled public-suffix snapshot only: no download, no cache folder written.
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def canonical_url(raw: str) -> str | None:
    """The canonical form of an article URL, or None when it is not an http(s) URL.

    Lower-cases scheme and host, drops the fragment, default ports, tracking parameters
    and a trailing slash on a non-root path, and sorts the remaining query parameters.
    """
    candidate = raw.strip().strip("<>").strip()
    if any(char.isspace() for char in candidate):
        return None
    try:
        parts = urlsplit(candidate)
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".")
    if scheme not in _ALLOWED_SCHEMES or not host or "." not in host:
        return None
    netloc = host if port in (None, 80, 443) else f"{host}:{port}"
    query = urlencode(
        sorted(
            (key, value)
            for key, value in parse_qsl(parts.query, keep_blank_values=True)
            if key not in _TRACKING_PARAMS and not key.lower().startswith(_TRACKING_PREFIXES)
        )
    )
    path = parts.path or "/"
    if len(path) > 1 and path.endswith("/"):
        path = path.rstrip("/")
    return urlunsplit((scheme, netloc, path, query, ""))


def registered_domain(url: str) -> str | None:
    """The registered domain of a URL (`bbc.co.uk` for `https://www.bbc.co.uk/news`)."""
    extracted = _extractor()(url)
    return extracted.top_domain_under_public_suffix or None


@cache
def _publishers() -> dict[str, str]:
    text = resources.files("newswire.parse").joinpath("publishers.json").read_text("utf-8")
    return json.loads(text)["publishers"]


def publisher_for(domain: str | None) -> str | None:
    """The publisher's name for a registered domain, from the bundled table, else None."""
    return _publishers().get(domain) if domain else None
