#!/usr/bin/env bash
# The compose end-to-end test (tooling/compose-e2e/src/main.ts) with what it needs around it: a Docker engine with
# the Compose plugin, the upstream images (or, where Docker Hub is out of reach, ../shared/docker-standins' local
# stand-ins), and Chromium. Run as root from anywhere: `bash tooling/compose-e2e/bin/compose-e2e.sh`.
# Its log ends with `compose-e2e: N passed, M failed`.
set -Eeuo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
repo=$(cd "$here/../.." && pwd)
# In CI the clone sits beside a shared/ folder; a worktree elsewhere can point STANDINS_DIR at it.
standins=${STANDINS_DIR:-$(dirname "$repo")/shared/docker-standins}
log() { echo "compose-e2e: $*"; }

started_dockerd=
if command -v docker >/dev/null && docker compose version >/dev/null 2>&1 && docker info >/dev/null 2>&1 \
  && timeout 30 docker pull -q postgres:17-bookworm >/dev/null 2>&1; then
  log "Docker $(docker version --format '{{.Server.Version}}') pulls upstream images: using them"
  export DOCKER=${DOCKER:-$(command -v docker)}
elif [ -f "$standins/prepare.sh" ]; then
  log "upstream images cannot be pulled: local stand-ins from $standins"
  eval "$(bash "$standins/prepare.sh")"
  started_dockerd=${STANDINS_DOCKERD_PID:-}
  # The stand-in postgres image lacks a pg_dump of its server's version (the README's backup runs it in there).
  bash "$here/bin/standin-pg-client.sh" postgres:17-bookworm
else
  log "no usable Docker (with Compose and the upstream images) and no stand-ins at $standins"
  log "0 passed, 1 failed"
  exit 1
fi
stop_dockerd() { [ -z "$started_dockerd" ] || kill "$started_dockerd" 2>/dev/null || true; }
trap stop_dockerd EXIT

command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
cd "$here"
node_modules/.bin/tsx src/main.ts
