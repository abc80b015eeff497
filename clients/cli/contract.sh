#!/usr/bin/env bash
# The contract from the command line: runs the `temporal` CLI and `curl` commands that
# docs/contract.md shows (the blocks marked `contract.sh: NAME`, read from the file, so the docs
# are what is tested) against a running stack. Started by clients/run-contract-tests.sh, which
# sets TEMPORAL_ADDRESS, TEMPORAL_HTTP_URL, TEMPORAL_CLI and SANDBOX_URL.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd -P)"
: "${TEMPORAL_ADDRESS:?run through clients/run-contract-tests.sh cli}"
: "${TEMPORAL_HTTP_URL:?run through clients/run-contract-tests.sh cli}"
: "${SANDBOX_URL:?run through clients/run-contract-tests.sh cli}"
export TEMPORAL_ADDRESS TEMPORAL_HTTP_URL
TEMPORAL_CLI="${TEMPORAL_CLI:-temporal}"
temporal() { "$TEMPORAL_CLI" "$@"; } # the docs say `temporal`

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0

# Runs a documented block in this shell (so INPUT and WF stay set for the next blocks).
run() {
  local code
  code="$("$root/clients/cli/snippet.sh" "$1")" || return 1
  eval "$code"
}

check() { # check DESCRIPTION COMMAND...
  local what="$1"
  shift
  if "$@"; then
    passed=$((passed + 1))
    echo "ok   $what"
  else
    failed=$((failed + 1))
    echo "FAIL $what"
  fi
}

json_is() { # json_is FILE JQ_FILTER EXPECTED
  local actual
  actual="$(jq -r "$2" "$1")"
  [[ "$actual" == "$3" ]] || {
    echo "  $2 is '$actual', want '$3' in: $(head -c 2000 "$1")" >&2
    return 1
  }
}

sandbox_add_user() {
  curl -fsS --max-time 10 -X POST "$SANDBOX_URL/_sandbox/users" \
    -d "$(jq -nc --arg id "$1" '{distinct_ids: [$id]}')" >/dev/null
}
deletes_of() {
  curl -fsS --max-time 10 "$SANDBOX_URL/_sandbox/requests" |
    jq --arg id "$1" '[.[] | select(.method == "DELETE" and .distinct_id == $id)] | length'
}
user_exists() {
  curl -sS --max-time 10 "$SANDBOX_URL/_sandbox/users/$(jq -rn --arg id "$1" '$id | @uri')" |
    jq -e '.exists == true' >/dev/null
}
deletes_are() { [[ "$(deletes_of "$1")" == "$2" ]]; }

# Runs the query block NAME until the run is in STATE (at most 30 s); leaves the answer in FILE.
await_state() { # await_state NAME STATE FILE
  for _ in $(seq 1 150); do
    if run "$1" >"$3" 2>/dev/null && [[ "$(jq -r '.state' "$3")" == "$2" ]]; then return 0; fi
    sleep 0.2
  done
  echo "  never reached $2; last answer: $(head -c 2000 "$3")" >&2
  return 1
}

# A long poll that may answer empty: ask again, at most 5 times.
http_result() {
  for _ in 1 2 3 4 5; do
    run http-result >"$1"
    [[ "$(jq -r '.outcome // empty' "$1")" == "" ]] || return 0
  done
  return 1
}

suffix="$(date +%s)-$$"

echo "--- temporal CLI: start, receipt, start again"
DISTINCT_ID="cli-deleted-$suffix"
sandbox_add_user "$DISTINCT_ID"
run input
run cli-start >"$tmp/start.json"
run_id="$(jq -r '.runId' "$tmp/start.json")"
run cli-result >"$tmp/receipt.json"
check "cli: the receipt says DELETED (204)" json_is "$tmp/receipt.json" '"\(.outcome) \(.httpStatus)"' "DELETED 204"
check "cli: the receipt names the run" json_is "$tmp/receipt.json" '.runId' "$run_id"
run cli-start >"$tmp/again.json"
check "cli: a start after completion returns the completed run" json_is "$tmp/again.json" '.runId' "$run_id"
check "cli: SuprSend got exactly one DELETE" deletes_are "$DISTINCT_ID" 1

echo "--- temporal CLI: status during the grace period, a refused update, cancel"
DISTINCT_ID="cli-grace-$suffix"
sandbox_add_user "$DISTINCT_ID"
run input-grace
run cli-start >"$tmp/start.json"
check "cli: status says GRACE_PERIOD" await_state cli-query GRACE_PERIOD "$tmp/status.json"
check "cli: status allows only cancel" json_is "$tmp/status.json" '.allowedActions | join(",")' "cancel"
if run cli-skip >"$tmp/skip.out" 2>"$tmp/skip.err"; then
  check "cli: skip during the grace period is refused" false
else
  check "cli: skip during the grace period is refused with the reason" \
    grep -qF "skip refused: the run is GRACE_PERIOD: nothing has failed that waits for a decision. Possible now: cancel." "$tmp/skip.err"
fi
run cli-cancel >"$tmp/cancel.json"
check "cli: cancel answers the recorded action" json_is "$tmp/cancel.json" '"\(.action) \(.operator)"' "cancel alice"
run cli-result >"$tmp/receipt.json"
check "cli: the run ends CANCELLED" json_is "$tmp/receipt.json" '.outcome' "CANCELLED"
check "cli: the user is still in SuprSend" user_exists "$DISTINCT_ID"
check "cli: SuprSend got no DELETE" deletes_are "$DISTINCT_ID" 0

echo "--- HTTP: start, receipt, start again"
DISTINCT_ID="http deleted ü?#&%-$suffix" # the id travels as one percent-encoded path segment
sandbox_add_user "$DISTINCT_ID"
run input
run http-start >"$tmp/start.json"
check "http: the start answers started" json_is "$tmp/start.json" '.started' "true"
run_id="$(jq -r '.runId' "$tmp/start.json")"
http_result "$tmp/receipt.json" || true
check "http: the receipt says DELETED (204)" json_is "$tmp/receipt.json" '"\(.outcome) \(.httpStatus)"' "DELETED 204"
check "http: the receipt names the workflow" json_is "$tmp/receipt.json" '.workflowId' "suprsend-offboarding:$DISTINCT_ID"
run http-start >"$tmp/again.json"
check "http: a start after completion is refused, naming the completed run" \
  json_is "$tmp/again.json" '"\(.code) \(.details[0].runId)"' "6 $run_id"
check "http: SuprSend got exactly one DELETE" deletes_are "$DISTINCT_ID" 1

echo "--- HTTP: start twice, status, a refused update, cancel"
DISTINCT_ID="http-grace-$suffix"
sandbox_add_user "$DISTINCT_ID"
run input-grace
run http-start >"$tmp/start.json"
run_id="$(jq -r '.runId' "$tmp/start.json")"
run http-start >"$tmp/again.json"
check "http: a second start while open returns the same run" \
  json_is "$tmp/again.json" '"\(.started // false) \(.runId)"' "false $run_id"
check "http: status says GRACE_PERIOD" await_state http-query GRACE_PERIOD "$tmp/status.json"
check "http: status says what the run waits for" \
  json_is "$tmp/status.json" '.waitingFor | test("grace period")' "true"
run http-skip >"$tmp/skip.json"
check "http: skip is refused by its validator with the reason" json_is "$tmp/skip.json" '.failure.message' \
  "skip refused: the run is GRACE_PERIOD: nothing has failed that waits for a decision. Possible now: cancel."
run http-cancel >"$tmp/cancel.json"
check "http: cancel answers the recorded action" json_is "$tmp/cancel.json" '.success[0].action' "cancel"
run http-cancel >"$tmp/cancel-again.json"
check "http: the same updateId again returns the first answer" \
  json_is "$tmp/cancel-again.json" '.success[0].at' "$(jq -r '.success[0].at' "$tmp/cancel.json")"
http_result "$tmp/receipt.json" || true
check "http: the run ends CANCELLED with one operator action" \
  json_is "$tmp/receipt.json" '"\(.outcome) \(.operatorActions | length)"' "CANCELLED 1"
check "http: SuprSend got no DELETE" deletes_are "$DISTINCT_ID" 0

echo "--- HTTP: a distinct id with a slash cannot be addressed (the gateway decodes %2F before routing)"
DISTINCT_ID="http/slash-$suffix"
run input
run http-start >"$tmp/start.json"
check "http: a start for an id with / is answered Not Found and starts nothing" \
  json_is "$tmp/start.json" '"\(.code) \(.message) \(.runId)"' "5 Not Found null"

echo "cli/http checks: $passed passed, $failed failed"
((failed == 0))
