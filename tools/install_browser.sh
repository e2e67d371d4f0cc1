#!/usr/bin/env bash
# Install Debian's Chromium (/usr/bin/chromium) for tests/test_browser.py, which drives it
# through Playwright's Python API (Playwright downloads no browser of its own).
#
#   bash tools/install_browser.sh        # as root, or as a user with password-less sudo
#
# Does nothing when /usr/bin/chromium is already there. Never fails the build: if Chromium
# cannot be installed (no apt-get, no root, no network) it says why, and the browser test
# is then skipped with that reason.
set -uo pipefail

if [ -x /usr/bin/chromium ]; then
    echo "install_browser: /usr/bin/chromium is already installed."
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "install_browser: apt-get not found; install Chromium as /usr/bin/chromium with your" \
         "package manager, or the browser test is skipped." >&2
    exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
    as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    as_root=(sudo -n)
else
    echo "install_browser: run as root (sudo bash tools/install_browser.sh) to install" \
         "Debian's chromium; until then the browser test is skipped." >&2
    exit 0
fi

export DEBIAN_FRONTEND=noninteractive
if "${as_root[@]}" apt-get update -q \
    && "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
        --no-install-recommends chromium fonts-wqy-microhei; then
    echo "install_browser: installed $(/usr/bin/chromium --version 2>/dev/null | tail -n 1)"
else
    echo "install_browser: apt-get could not install chromium (offline?); the browser test" \
         "is skipped until /usr/bin/chromium exists." >&2
fi
exit 0
