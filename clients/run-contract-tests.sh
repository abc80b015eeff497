#!/usr/bin/env bash
# The contract tests from outside the JVM, against the real Temporal dev server, the production
# worker jar and the SuprSend sandbox, all on loopback and free ports:
#
#   clients/run-contract-tests.sh               # every suite: go python typescript cli
#   clients/run-contract-tests.sh go cli        # some of them
#
# Needs Java 17+, Maven (to build the jars when missing), Go, Python 3.9+, Node 18+, curl and jq.
# The first run downloads the Go modules, the PyPI packages (into clients/python/.venv) and the npm
# packages (clients/typescript/node_modules). Every wait is bounded; everything started here is
# stopped on exit. The last line says how many suites passed and failed.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd -P)"
export clients="$root/clients"
suites=("$@")
if [[ ${#suites[@]} -eq 0 ]]; then suites=(go python typescript cli); fi

work="$(mktemp -d "${TMPDIR:-/tmp}/contract-tests.XXXXXX")"
pids=()
stop_all() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap stop_all EXIT

log() { echo "contract-tests: $*" >&2; }

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# wait_for SECONDS DESCRIPTION COMMAND...: runs COMMAND until it succeeds, at most SECONDS.
wait_for() {
  local limit="$1" what="$2"
  shift 2
  local deadline=$((SECONDS + limit))
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS >= deadline)); then
      log "$what not ready after ${limit}s"
      return 1
    fi
    sleep 0.5
  done
}

show_logs() {
  local f
  for f in temporal.log sandbox.log worker.log; do
    [[ -f "$work/$f" ]] && { echo "--- last lines of $f" >&2; tail -n 30 "$work/$f" >&2; }
  done
}

# --- the jars and the Temporal CLI
if [[ ! -f "$root/worker/target/offboarding-worker.jar" ]]; then
  log "building the worker jar"
  (cd "$root" && mvn -B -q -DskipTests -Dspotless.check.skip=true package)
fi
temporal_cli="$("$root/offboard" install-temporal 2>"$work/install-temporal.log")" || {
  cat "$work/install-temporal.log" >&2
  exit 1
}

temporal_port="$(free_port)"
http_port="$(free_port)"
sandbox_port="$(free_port)"
metrics_port="$(free_port)"
api_key="sandbox-key-$(python3 -c 'import secrets; print(secrets.token_hex(16))')"

# --- the real Temporal server, in memory
"$temporal_cli" server start-dev --ip 127.0.0.1 --port "$temporal_port" --http-port "$http_port" \
  --headless --search-attribute OffboardingState=Keyword --namespace nexus-callers --log-level warn \
  >"$work/temporal.log" 2>&1 &
pids+=($!)
# --- the SuprSend sandbox, accepting the key given here
SUPRSEND_API_KEY="$api_key" "$root/offboard" sandbox --port "$sandbox_port" --users 0 \
  >"$work/sandbox.log" 2>&1 &
pids+=($!)

wait_for 120 "Temporal dev server" \
  "$temporal_cli" operator cluster health --address "127.0.0.1:$temporal_port" || { show_logs; exit 1; }
wait_for 60 "SuprSend sandbox" curl -fsS "http://127.0.0.1:$sandbox_port/_sandbox/health" || { show_logs; exit 1; }

# --- the Nexus endpoint another namespace calls, routed to the worker's task queue
endpoint="$("$clients/cli/snippet.sh" nexus-endpoint)" # the command docs/contract.md shows
( temporal() { "$temporal_cli" "$@"; }; export TEMPORAL_ADDRESS="127.0.0.1:$temporal_port"; eval "$endpoint" ) \
  >"$work/endpoint.log" 2>&1 || { cat "$work/endpoint.log" >&2; exit 1; }

# --- the production worker
TEMPORAL_ADDRESS="127.0.0.1:$temporal_port" SUPRSEND_API_KEY="$api_key" \
  SUPRSEND_BASE_URL="http://127.0.0.1:$sandbox_port" OFFBOARDING_METRICS_PORT="$metrics_port" \
  java -jar "$root/worker/target/offboarding-worker.jar" >"$work/worker.log" 2>&1 &
pids+=($!)
wait_for 120 "worker" curl -fsS "http://127.0.0.1:$metrics_port/readyz" || { show_logs; exit 1; }
log "ready: Temporal 127.0.0.1:$temporal_port (HTTP $http_port), sandbox $sandbox_port, worker metrics $metrics_port"

export TEMPORAL_ADDRESS="127.0.0.1:$temporal_port"
export TEMPORAL_HTTP_URL="http://127.0.0.1:$http_port"
export TEMPORAL_CLI="$temporal_cli"
export SANDBOX_URL="http://127.0.0.1:$sandbox_port"
export CONTRACT_SCHEMA_DIR="$clients/schema"
export NEXUS_CALLER_NAMESPACE=nexus-callers

run_go() { (cd "$clients/go" && go test -count=1 ./...); }
run_python() {
  (
    cd "$clients/python"
    if [[ ! -x .venv/bin/python ]]; then python3 -m venv .venv; fi
    .venv/bin/pip install -q -r requirements.txt
    .venv/bin/python -m pytest -q
  )
}
run_typescript() { (cd "$clients/typescript" && npm ci --no-audit --no-fund --loglevel=error && npm test); }
run_cli() { "$clients/cli/contract.sh"; }

passed=0
failed=0
failed_names=()
for suite in "${suites[@]}"; do
  if ! declare -F "run_$suite" >/dev/null; then
    log "unknown suite '$suite' (go, python, typescript, cli)"
    exit 2
  fi
  log "--- $suite"
  start=$SECONDS
  if timeout 900 bash -c "$(declare -f "run_$suite"); run_$suite"; then
    passed=$((passed + 1))
    log "$suite passed in $((SECONDS - start))s"
  else
    failed=$((failed + 1))
    failed_names+=("$suite")
    log "$suite FAILED after $((SECONDS - start))s"
  fi
done

if ((failed > 0)); then
  show_logs
  echo "contract suites: $passed passed, $failed failed (${failed_names[*]})"
  exit 1
fi
echo "contract suites: $passed passed, $failed failed"
