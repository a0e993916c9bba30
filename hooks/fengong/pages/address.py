"""The site's public address: where its readers reach it, or none for a local build.

QR codes, canonical links and the links in the downloads are only worth printing with an
address readers can open. A build without FENGONG_SITE_URL gets mkdocs.yml's default, the
address of the local preview (`make serve`, http://127.0.0.1:8000/fengong/), which no one
else can open: such a build leaves them out. `mkdocs serve` also builds with its own local
address, so a preview never shows codes that point at the preview.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

# Host names that only ever mean the machine itself (RFC 6761).
_LOCAL_NAMES = ("localhost", "localhost.localdomain")


def public_url(site_url: str | None) -> str:
    """site_url, ending in "/", if readers can reach it; "" if it is missing, not http(s),
    or a loopback or unspecified address (127.0.0.1, ::1, 0.0.0.0, localhost, *.localhost)."""
    if not site_url:
        return ""
    parts = urlsplit(site_url)
    host = (parts.hostname or "").lower().rstrip(".")
    if parts.scheme not in ("http", "https") or not host or _is_local(host):
        return ""
    return site_url if site_url.endswith("/") else site_url + "/"


def _is_local(host: str) -> bool:
    if host in _LOCAL_NAMES or host.endswith(".localhost"):
        return True
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return False
    return ip.is_loopback or ip.is_unspecified
