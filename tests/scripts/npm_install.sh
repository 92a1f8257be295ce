#!/usr/bin/env bash
# Installs the pinned official npm packages once (package-lock.json); a no-op when they are current.
set -euo pipefail
cd "$1"
if [[ -f node_modules/.package-lock.json && node_modules/.package-lock.json -nt package-lock.json ]]; then
  exit 0
fi
npm ci --no-audit --no-fund --loglevel=error
