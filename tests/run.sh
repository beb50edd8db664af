#!/usr/bin/env bash
# The test command (README): builds once and runs every test project in PersonaExplorer.sln,
# browser tests included. Last line of output: "N passed, N failed".
#   bash tests/run.sh [extra dotnet test args, e.g. --filter ExploreFlowTests]
# Env: CHROMIUM_PATH (default /usr/bin/chromium), UPDATE_DOCS_SCREENSHOTS=1 (rewrite wwwroot/docs/*.png),
#      TEST_RESULTS_DIR (default TestResults/ at the repository root).
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
RESULTS="${TEST_RESULTS_DIR:-$ROOT/TestResults}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { echo "[run.sh] $*"; }

# 1. Chromium for the browser tests (system package; Playwright's own download does not work offline).
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  if [ -n "${CHROMIUM_PATH:-}" ]; then
    log "CHROMIUM_PATH=$CHROMIUM_PATH is not an executable file"
  elif ! command -v apt-get >/dev/null 2>&1; then
    log "Chromium not found at $CHROMIUM and apt-get is unavailable; install Chromium or set CHROMIUM_PATH"
  else
    log "Chromium not found at $CHROMIUM: installing it with apt-get (takes a few minutes)"
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO="sudo -n"; fi
    export DEBIAN_FRONTEND=noninteractive
    if ! { $SUDO apt-get update -q && $SUDO apt-get install -y chromium; } </dev/null; then
      log "apt-get could not install chromium; the browser tests will fail with an explanation"
    fi
  fi
fi

# 2. Local dotnet tools (.config/dotnet-tools.json); the tests do not need them, so a failure only warns.
if [ -f .config/dotnet-tools.json ]; then
  dotnet tool restore </dev/null >/dev/null 2>&1 || log "warning: dotnet tool restore failed (not needed by the tests)"
fi

# 3. One dotnet test over the solution: builds once, runs all test projects, one .trx per project.
rm -rf "$RESULTS"
mkdir -p "$RESULTS"
log "dotnet test PersonaExplorer.sln (results in $RESULTS)"
dotnet test PersonaExplorer.sln \
  --logger "trx" --logger "console;verbosity=normal" \
  --results-directory "$RESULTS" "$@" </dev/null
TEST_EXIT=$?

# 4. Sum the counters of every .trx (attributes of <Counters .../>, in any order).
passed=0; failed=0; executed=0; files=0
while IFS= read -r -d '' trx; do
  files=$((files + 1))
  counters="$(tr -d '\r\n' <"$trx" | grep -o '<Counters [^>]*>' | head -n 1)"
  attr() { printf '%s' "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]\+' || echo 0; }
  p=$(attr passed); f=$(attr failed); e=$(attr error); t=$(attr timeout); a=$(attr aborted); x=$(attr executed)
  passed=$((passed + p)); failed=$((failed + f + e + t + a)); executed=$((executed + x))
done < <(find "$RESULTS" -name '*.trx' -print0)

# Every test project in the solution must have written its results (a killed test host writes none).
# (benchmark and evaluation console projects under tests/ are not test projects and write none)
expected=$(grep -l 'Microsoft.NET.Test.Sdk' tests/*/*.csproj | wc -l)

status=0
log "dotnet test exit code: $TEST_EXIT; result files: $files of $expected test projects"
if [ "$TEST_EXIT" -ne 0 ]; then status=1; fi
if [ "$files" -eq 0 ]; then log "no .trx results were written (build failure?)"; status=1
elif [ "$files" -lt "$expected" ]; then log "only $files of $expected test projects wrote results (a test run was aborted)"; status=1; fi
if [ "$TEST_EXIT" -eq 0 ] && [ "$files" -lt "$expected" ]; then
  # dotnet exits 0 on SIGTERM, so a killed run looks successful by its exit code alone.
  log "dotnet test reported success but results are missing: it was probably terminated (SIGTERM) by another process"
fi
if [ "$executed" -eq 0 ] || [ $((passed + failed)) -eq 0 ]; then log "no tests ran"; status=1; fi
if [ "$failed" -ne 0 ]; then status=1; fi
log "results in $RESULTS; browser screenshots in tests/PersonaExplorer.BrowserTests/bin/artifacts/"
echo "$passed passed, $failed failed"
exit "$status"
