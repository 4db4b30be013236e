#!/usr/bin/env bash
# The insights page's browser test drives Debian's Chromium (/usr/bin/chromium). Run before the suite
# (npm's pretest): when it is missing, install Debian's package if this user may (root, or sudo without a
# password); otherwise say the one command to run and stop, rather than fail later in the middle of the suite.
set -euo pipefail
[ -x /usr/bin/chromium ] && exit 0
install=(apt-get install -y -qq --no-install-recommends chromium)
if [ "$(id -u)" = 0 ]; then
  echo "pretest: installing Debian's chromium for the browser test" >&2
  apt-get update -qq && "${install[@]}" >/dev/null
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  echo "pretest: installing Debian's chromium for the browser test (sudo)" >&2
  sudo -n apt-get update -qq && sudo -n "${install[@]}" >/dev/null
else
  echo "pretest: the browser test needs Debian's chromium: sudo apt-get install -y chromium" >&2
  exit 1
fi
[ -x /usr/bin/chromium ] || { echo "pretest: chromium did not install at /usr/bin/chromium" >&2; exit 1; }
