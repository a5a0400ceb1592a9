#!/usr/bin/env bash
# Installs what the tests need and the Python environment cannot: Debian's Chromium (as root,
# when missing) for the browser tests, and from npm (package-lock.json) MathJax for those tests
# and markdownlint for the answer keys.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing Chromium (Debian package) for the browser tests..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "note: Chromium is missing; the browser tests will be skipped (install Debian's 'chromium')." >&2
  fi
fi

if [ ! -f node_modules/mathjax/es5/tex-svg.js ] || [ ! -x node_modules/.bin/markdownlint-cli2 ]; then
  if command -v npm >/dev/null 2>&1; then
    npm ci --no-audit --no-fund --loglevel=error
  else
    echo "error: npm is needed to install MathJax and markdownlint for the tests" >&2
    exit 1
  fi
fi
