#!/usr/bin/env bash
# `pnpm test`: every stage runs even when an earlier one failed, so one run shows every failure; the exit status is
# non-zero if any stage failed.
#   1. lint, typecheck and the unit/integration tests of every package, in parallel;
#   2. tests with real media (Chromium, Janus: each package's `test:media`), one package at a time: frame rates,
#      simulcast layers and reconnection times are real-time behaviour that two shared cores distort;
#   3. the Playwright end-to-end suites, one at a time (production build, fixed ports).
set -uo pipefail
cd "$(dirname "$0")/../.."
turbo=./node_modules/.bin/turbo
failed=()
$turbo run lint typecheck test --continue || failed+=("lint/typecheck/test")
$turbo run test:media --concurrency=1 --continue || failed+=("test:media")
$turbo run test:e2e --concurrency=1 --continue || failed+=("test:e2e")
if [ ${#failed[@]} -gt 0 ]; then
  echo "pnpm test: failed stages: ${failed[*]}"
  exit 1
fi
echo "pnpm test: every stage passed"
