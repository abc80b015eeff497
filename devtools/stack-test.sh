#!/usr/bin/env bash
# The stack test: docker-compose.yml's production topology run for real from native parts, without
# Docker (docs/deploy.md, "The stack without Docker"), and tested by ComposeStackTest.
#
#   devtools/stack-test.sh             # install what is missing, then run the test
#   devtools/stack-test.sh --install   # only install (prints the variables the test reads)
#   devtools/stack-test.sh -Dreliability.record=true   # also write the figures to docs/reliability.md
#
# What it installs, each only when missing (versions read from docker-compose.yml itself):
# - PostgreSQL from Debian's packages (apt-get, when run as root; otherwise install it yourself);
# - the Temporal server of the compose file's temporalio/auto-setup tag (go.temporal.io/server
#   cmd/server) and its SQL tool (cmd/tools/sql), built from the Go module proxy into
#   .tools/temporal-server-VERSION/, with the module's config/ folder (config/docker.yaml is the
#   template the Docker image renders from the same environment variables);
# - the UI server of the compose file's temporalio/ui tag (github.com/temporalio/ui-server/v2),
#   into .tools/temporal-ui-server-VERSION/, with its config/ folder;
# - the Temporal CLI (./offboard install-temporal), which runs the admin-tools job's command line.
# The first build downloads about 1 GB of Go modules and takes several minutes on 2 cores.
#
# The test then starts PostgreSQL, sets up the schemas, the server, the UI server, the one-shot
# search-attribute job, the sandbox, the codec server and the worker, each with its service's
# `environment:` block from docker-compose.yml, on the ports the compose file names (loopback only):
# those ports must be free.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd -P)"
cd "$root"
compose="$root/docker-compose.yml"

log() { echo "stack-test: $*" >&2; }

# The tag of IMAGE in docker-compose.yml (the first service that uses it).
image_tag() {
  local tag
  tag="$(sed -n "s#^[[:space:]]*image:[[:space:]]*$1:\([^[:space:]]*\).*#\1#p" "$compose" | head -n 1)"
  if [[ -z "$tag" ]]; then
    log "docker-compose.yml has no service with image $1:<tag>"
    exit 1
  fi
  echo "$tag"
}

server_version="$(image_tag temporalio/auto-setup)"
ui_version="$(image_tag temporalio/ui)"

# --- PostgreSQL (Debian)
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
if [[ -z "$(pg_bin)" || ! -x "$(pg_bin)/initdb" ]]; then
  if [[ $EUID -ne 0 ]]; then
    log "PostgreSQL is not installed: run 'sudo apt-get install -y postgresql', then this again"
    exit 1
  fi
  log "installing PostgreSQL from Debian's packages"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null ||
    { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null; }
fi
STACK_POSTGRES_BIN="$(pg_bin)"

# --- Go binaries from the module proxy
if ! command -v go >/dev/null 2>&1; then
  log "Go is needed to build the Temporal server and UI server from the Go module proxy"
  exit 1
fi

# module_dir MODULE@VERSION: where the module's source is in the module cache (downloaded if not).
module_dir() {
  go mod download -json "$1" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",*$/\1/p'
}

# install_go DIR "PACKAGE@VERSION=NAME"...: builds each package into DIR/NAME unless it is there.
install_go() {
  local dir="$1" spec pkg name
  shift
  mkdir -p "$dir"
  for spec in "$@"; do
    pkg="${spec%=*}"
    name="${spec##*=}"
    [[ -x "$dir/$name" ]] && continue
    log "building $pkg (first time: several minutes)"
    local bin
    bin="$(mktemp -d "$dir/.build.XXXXXX")"
    CGO_ENABLED=0 GOBIN="$bin" GOFLAGS=-mod=mod go install -ldflags "-s -w" "$pkg"
    mv "$bin"/* "$dir/$name"
    rmdir "$bin"
  done
}

# copy_config MODULE@VERSION DIR: the module's config/ folder, writable, into DIR/config.
copy_config() {
  [[ -d "$2/config" ]] && return 0
  local src
  src="$(module_dir "$1")"
  cp -R "$src/config" "$2/config.tmp"
  chmod -R u+w "$2/config.tmp"
  mv "$2/config.tmp" "$2/config"
}

server_dir="$root/.tools/temporal-server-$server_version"
install_go "$server_dir" \
  "go.temporal.io/server/cmd/server@v$server_version=temporal-server" \
  "go.temporal.io/server/cmd/tools/sql@v$server_version=temporal-sql-tool"
copy_config "go.temporal.io/server@v$server_version" "$server_dir"

ui_dir="$root/.tools/temporal-ui-server-$ui_version"
install_go "$ui_dir" "github.com/temporalio/ui-server/v2/cmd/server@v$ui_version=ui-server"
copy_config "github.com/temporalio/ui-server/v2@v$ui_version" "$ui_dir"

TEMPORAL_CLI="${TEMPORAL_CLI:-$(./offboard install-temporal)}"

export STACK_POSTGRES_BIN STACK_TEMPORAL_SERVER_DIR="$server_dir" STACK_UI_SERVER_DIR="$ui_dir" TEMPORAL_CLI
if [[ "${1:-}" == "--install" ]]; then
  echo "STACK_POSTGRES_BIN=$STACK_POSTGRES_BIN"
  echo "STACK_TEMPORAL_SERVER_DIR=$STACK_TEMPORAL_SERVER_DIR"
  echo "STACK_UI_SERVER_DIR=$STACK_UI_SERVER_DIR"
  echo "TEMPORAL_CLI=$TEMPORAL_CLI"
  exit 0
fi

log "PostgreSQL $("$STACK_POSTGRES_BIN/postgres" --version | sed 's/.*) //'), Temporal server $server_version, UI server $ui_version"
# `package`, not `test`: the worker module's jar (the Docker image's jar, which the test runs) is
# built before devtools' tests run.
OFFBOARD_STACK=required ./mvnw -B -pl devtools -am package \
  -Dtest='ComposeStackTest' -Dsurefire.failIfNoSpecifiedTests=false "$@"
