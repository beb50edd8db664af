#!/usr/bin/env bash
# The test command (README): builds once and runs every test project in PersonaExplorer.sln,
# browser tests included, twice: on SQLite and on PostgreSQL (a throwaway server this script starts and stops).
# Last line of output: "N passed, N failed" (both runs together).
#   bash tests/run.sh [extra dotnet test args, e.g. --filter ExploreFlowTests]
# Env: CHROMIUM_PATH (default /usr/bin/chromium), UPDATE_DOCS_SCREENSHOTS=1 (rewrite wwwroot/docs/*.png),
#      TEST_RESULTS_DIR (default TestResults/ at the repository root),
#      PE_TEST_PROVIDERS (default "Sqlite PostgreSQL": the providers to run the suite on).
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

# 3. A throwaway PostgreSQL cluster (the `postgresql` apt package) on a port and socket folder of its own, stopped on exit.
#    If it cannot start, PE_TEST_PG stays unset and every PostgreSQL test fails with the reason (nothing is skipped).
PROVIDERS="${PE_TEST_PROVIDERS:-Sqlite PostgreSQL}"
PG_DIR=""
stop_postgres() {
  if [ -n "$PG_DIR" ] && [ -f "$PG_DIR/data/postmaster.pid" ]; then
    $PG_AS "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  fi
  if [ -n "$PG_DIR" ]; then rm -rf "$PG_DIR"; fi
}
trap stop_postgres EXIT
start_postgres() {
  PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  if [ -z "$PG_BIN" ] && command -v apt-get >/dev/null 2>&1; then
    log "PostgreSQL not found: installing the postgresql package with apt-get"
    SUDO=""; if [ "$(id -u)" -ne 0 ]; then SUDO="sudo -n"; fi
    { $SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y postgresql; } </dev/null >/dev/null 2>&1 \
      || log "apt-get could not install postgresql"
    PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  fi
  if [ -z "$PG_BIN" ]; then log "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin)"; return 1; fi
  PG_DIR="$(mktemp -d "${TMPDIR:-/tmp}/pe-pg.XXXXXX")"
  PG_AS=""
  # initdb refuses to run as root: the server then runs as the postgres user.
  if [ "$(id -u)" -eq 0 ]; then chown postgres "$PG_DIR"; PG_AS="runuser -u postgres --"; fi
  PG_PORT=""
  for p in $(seq 55432 55532); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then PG_PORT=$p; break; fi
  done
  [ -n "$PG_PORT" ] || { log "no free port for PostgreSQL"; return 1; }
  $PG_AS "$PG_BIN/initdb" -D "$PG_DIR/data" -A trust -U postgres >"$PG_DIR/initdb.log" 2>&1 \
    || { log "initdb failed: $(tail -n 3 "$PG_DIR/initdb.log")"; return 1; }
  # Durability off: a test server that is thrown away; max_connections for the per-test databases' pools.
  $PG_AS "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -w -t 60 -l "$PG_DIR/server.log" \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c max_connections=400 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null || { log "PostgreSQL did not start: $(tail -n 5 "$PG_DIR/server.log" 2>/dev/null)"; return 1; }
  export PE_TEST_PG="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres"
  log "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $NF}') running on 127.0.0.1:$PG_PORT (data in $PG_DIR)"
}
unset PE_TEST_PG
start_postgres || log "PostgreSQL could not be started: the PostgreSQL run will fail"

# 4. Build once, then one dotnet test over the solution per provider (one .trx per project and provider).
rm -rf "$RESULTS"
mkdir -p "$RESULTS"
log "dotnet build PersonaExplorer.sln"
dotnet build PersonaExplorer.sln </dev/null
BUILD_EXIT=$?
TEST_EXIT=$BUILD_EXIT
runs=0
for provider in $PROVIDERS; do
  runs=$((runs + 1))
  log "dotnet test PersonaExplorer.sln on $provider (results in $RESULTS/$provider)"
  PE_TEST_DB_PROVIDER="$provider" dotnet test PersonaExplorer.sln --no-build \
    --logger "trx" --logger "console;verbosity=normal" \
    --results-directory "$RESULTS/$provider" "$@" </dev/null
  code=$?
  if [ "$code" -ne 0 ]; then TEST_EXIT=$code; fi
done

# 5. Sum the counters of every .trx (attributes of <Counters .../>, in any order).
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
expected=$(( $(grep -l 'Microsoft.NET.Test.Sdk' tests/*/*.csproj | wc -l) * runs ))

status=0
log "dotnet test exit code: $TEST_EXIT; result files: $files of $expected (test projects × providers: $PROVIDERS)"
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
