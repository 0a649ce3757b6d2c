#!/usr/bin/env bash
# System packages the test suite drives for real (not Python packages: pyproject has those):
# Debian's chromium and CJK fonts for the HTML checks, and LibreOffice's Writer without its
# GUI (the smallest package whose soffice converts .doc/.wps/.rtf to .docx headless) for the
# old Word formats. Installed with apt-get when missing
# and we are root (a fresh CI machine); otherwise says what is missing, and the tests that
# need it fail rather than skip.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
fc-list 2>/dev/null | grep -qi "noto.*cjk" || missing+=(fonts-noto-cjk)
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "missing system packages: ${missing[*]} (install them, e.g. apt-get install ${missing[*]}); tests that need them will fail" >&2
fi
