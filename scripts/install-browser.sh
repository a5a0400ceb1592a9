#!/usr/bin/env bash
# Installs what the browser tests need and the Python environment cannot:
# Debian's Chromium (as root, when missing) and MathJax from npm (package-lock.json).
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

if [ ! -f node_modules/mathjax/es5/tex-svg.js ]; then
  if command -v npm >/dev/null 2>&1; then
    npm ci --no-audit --no-fund --loglevel=error
  else
    echo "error: npm is needed to install MathJax for the browser tests" >&2
    exit 1
  fi
fi
