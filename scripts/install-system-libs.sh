#!/usr/bin/env bash
# Installs the system libraries WeasyPrint (the PDF builder) loads and pip cannot:
# Pango, HarfBuzz and fontconfig from Debian's packages (as root, when missing).
# The fonts themselves come with the pinned Python packages, not from the system.
set -euo pipefail

missing=()
known="$(ldconfig -p 2>/dev/null || /sbin/ldconfig -p 2>/dev/null || true)"  # read once: no SIGPIPE under pipefail
for lib in libpango-1.0.so.0 libpangoft2-1.0.so.0 libharfbuzz.so.0 libfontconfig.so.1; do
  grep -q "$lib" <<<"$known" || missing+=("$lib")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Pango, HarfBuzz and fontconfig (Debian packages) for the PDF builder..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 libfontconfig1 >/dev/null
else
  echo "error: the PDF builder needs ${missing[*]}; install Pango (Debian: libpango-1.0-0 libpangoft2-1.0-0)" >&2
  exit 1
fi
