#!/usr/bin/env bash
# Runs every test: lint, formatting, the import-cycle check, types, unit tests (Node) and the build
# at once (each writes its own log, printed when it ends), then end-to-end tests in Debian's
# Chromium against servers on 127.0.0.1 (they need the build, and run alone so their timeouts do
# not compete with the compilers for the CPU). Installs what it needs first. ESLint, Prettier and
# tsc keep caches in node_modules/.cache, so a second run checks only what changed.
# Exits non-zero when any step fails; the last line is always "Tests: N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
command -v h5dump >/dev/null || need_apt+=(hdf5-tools)
# h5py writes the edge-case fixtures the h5dump comparison reads (scripts/make-fidelity-fixtures.py)
# and reads the specifications and tables the NWB layer's tests compare with.
/usr/bin/python3 -c 'import h5py' 2>/dev/null || need_apt+=(python3-h5py)
# zarr-python writes the Zarr codec and consolidated-store fixtures.
/usr/bin/python3 -c 'import zarr, fsspec, aiohttp' 2>/dev/null ||
  need_apt+=(python3-zarr python3-fsspec python3-aiohttp)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${need_apt[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}"
fi
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

reports=$(mktemp -d)
cache=node_modules/.cache
mkdir -p "$cache"
summary() { node scripts/summarize-tests.mjs "$reports/vitest.json" "$reports/playwright.json"; }
trap summary EXIT

declare -A pids=()
failed=()

# start NAME COMMAND...: runs a step in the background, its output in $reports/NAME.log.
start() {
  local name=$1
  shift
  (
    began=$SECONDS
    status=0
    "$@" >"$reports/$name.log" 2>&1 || status=$?
    echo "$status $((SECONDS - began))" >"$reports/$name.status"
  ) &
  pids[$name]=$!
}

# finish NAME: waits for a step, prints its log, records a failure.
finish() {
  local name=$1 status seconds
  wait "${pids[$name]}" || true
  read -r status seconds <"$reports/$name.status"
  echo "== $name ($([ "$status" = 0 ] && echo ok || echo "FAILED, exit $status"), ${seconds} s)"
  cat "$reports/$name.log"
  [ "$status" = 0 ] || failed+=("$name")
}

start lint npx eslint . --cache --cache-location "$cache/eslint/"
start format npx prettier --check . --cache --cache-location "$cache/prettier/cache.json"
start cycles npx depcruise src --config .dependency-cruiser.cjs
start types npx tsc -p tsconfig.json --incremental --tsBuildInfoFile "$cache/tsc/tsconfig.tsbuildinfo"
start unit npx vitest run --reporter=default --reporter=json --outputFile.json="$reports/vitest.json"
start build npx vite build --logLevel warn
for step in build lint format cycles types unit; do finish "$step"; done

if [[ " ${failed[*]} " == *" build "* ]]; then
  echo '== end-to-end tests: skipped, the build failed'
else
  echo '== end-to-end tests'
  PLAYWRIGHT_JSON_OUTPUT_NAME="$reports/playwright.json" npx playwright test --reporter=list,json ||
    failed+=(e2e)
fi

if [ ${#failed[@]} -gt 0 ]; then
  echo "Failed steps: ${failed[*]}"
  exit 1
fi
