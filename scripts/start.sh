#!/usr/bin/env bash
# Starts the app on http://127.0.0.1:5173 with the bundled sample NWB file open.
# Installs the npm packages first when they are missing or out of date.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
SAMPLE='/?url=%2Fsamples%2Fecephys_tutorial_v2.5.0.nwb'
echo "Opening http://127.0.0.1:5173${SAMPLE}"
exec npx vite --host 127.0.0.1 --port 5173 --open "${SAMPLE}"
