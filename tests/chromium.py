"""Debian's Chromium, as every browser test starts it (never `playwright install`)."""

CHROMIUM = "/usr/bin/chromium"
# Headless as root, and no background connections: this machine has no network.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
