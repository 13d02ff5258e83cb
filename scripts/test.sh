#!/usr/bin/env bash
# Runs every test: lint, formatting, types, unit tests (Node), then end-to-end tests in
# Debian's Chromium against servers on 127.0.0.1. Installs what it needs first.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
command -v h5dump >/dev/null || need_apt+=(hdf5-tools)
/usr/bin/python3 -c "import h5py" 2>/dev/null || need_apt+=(python3-h5py)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${need_apt[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}"
fi
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

echo '== lint and format'
npx eslint .
npx prettier --check .
echo '== types'
npx tsc -p tsconfig.json
reports=$(mktemp -d)
summary() { node scripts/summarize-tests.mjs "$reports/vitest.json" "$reports/playwright.json"; }
trap summary EXIT

echo '== unit tests'
npx vitest run --reporter=default --reporter=json --outputFile.json="$reports/vitest.json"
echo '== build'
npx vite build --logLevel warn
echo '== end-to-end tests'
PLAYWRIGHT_JSON_OUTPUT_NAME="$reports/playwright.json" npx playwright test --reporter=list,json
