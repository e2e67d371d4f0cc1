#!/usr/bin/env bash
# Install Debian's Chromium (/usr/bin/chromium) for tests/test_browser.py.
# Playwright drives it through its Python API; no browser is downloaded by Playwright.
# Needs root (apt-get); does nothing when /usr/bin/chromium is already there.
#
#   sudo tools/install_browser.sh
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
    echo "chromium already installed: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)"
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "tools/install_browser.sh: apt-get not found; install Chromium as /usr/bin/chromium" \
         "with your system's package manager (the browser test is skipped without it)." >&2
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "tools/install_browser.sh: run as root (e.g. sudo $0) to install Debian's chromium;" \
         "the browser test is skipped without it." >&2
    exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends chromium fonts-wqy-microhei
/usr/bin/chromium --version
