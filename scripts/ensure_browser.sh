#!/bin/sh
# Make sure the real-browser tests (tests/test_browser.py) can run: Debian's chromium and
# chromium-driver, plus a CJK font so screenshots show Chinese rather than empty boxes.
# Installs only what is missing, non-interactively; does nothing when all is there.
# Without apt-get it only warns: the browser tests then skip and say why.
set -eu

need=""
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    need="chromium chromium-driver"
fi
if command -v fc-list >/dev/null 2>&1 && [ -z "$(fc-list :lang=zh 2>/dev/null)" ]; then
    need="$need fonts-noto-cjk"
elif ! command -v fc-list >/dev/null 2>&1 && [ -n "$need" ]; then
    need="$need fonts-noto-cjk"
fi
[ -z "$need" ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure_browser: apt-get not found; install $need yourself (browser tests will be skipped)" >&2
    exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
    run=""
elif command -v sudo >/dev/null 2>&1; then
    run="sudo -n"
else
    echo "ensure_browser: not root and no sudo; install $need yourself (browser tests will be skipped)" >&2
    exit 0
fi

echo "ensure_browser: installing $need" >&2
export DEBIAN_FRONTEND=noninteractive
$run apt-get update -qq
# shellcheck disable=SC2086  # $need is a list of package names
$run apt-get install -y -qq $need
