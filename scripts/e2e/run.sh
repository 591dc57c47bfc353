#!/usr/bin/env bash
# Runs the e2e suite: setup (cached) -> compile -> each test/e2e/*.e2e.ts with node.
# Usage: scripts/e2e/run.sh [name ...]   e.g. scripts/e2e/run.sh smoke   (default: every journey but smoke/fixture)
# Screenshots and logs: artifacts/e2e/<name>/. Exit code: non-zero if any test failed.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$REPO"
mkdir -p artifacts/e2e

CACHE_DIR="$(bash scripts/e2e/setup.sh </dev/null | tail -n1)"
export FEISHU_E2E_CACHE_DIR="$CACHE_DIR"

# Compile into a private dir, not out/: `npm run compile-tests` wipes out/ (clean-out.mjs),
# and a concurrent unit-test run would otherwise delete our .js files mid-suite.
BUILD="$REPO/artifacts/e2e/build"
rm -rf "$BUILD"
# First the project's own config. Others' src/ may be mid-edit and not compile; the e2e
# tests do not import src/, so then compile only test/e2e/** with a throw-away config
# outside the repo (same compiler options).
if ! npx --no-install tsc -p tsconfig.test.json --outDir "$BUILD" >artifacts/e2e/tsc.log 2>&1; then
  echo "[e2e] project compile failed (see artifacts/e2e/tsc.log); compiling test/e2e/** only" >&2
  rm -rf "$BUILD"
  TMP_TSCONFIG_DIR="$(mktemp -d)"
  trap 'rm -rf "$TMP_TSCONFIG_DIR"' EXIT
  cat >"$TMP_TSCONFIG_DIR/tsconfig.json" <<EOF
{
  "extends": "$REPO/tsconfig.json",
  "compilerOptions": {
    "sourceMap": true, "noEmit": false,
    "rootDir": "$REPO", "outDir": "$BUILD",
    "typeRoots": ["$REPO/node_modules/@types"]
  },
  "include": ["$REPO/test/e2e/**/*.ts"]
}
EOF
  npx --no-install tsc -p "$TMP_TSCONFIG_DIR/tsconfig.json"
fi

names=("$@")
if ((${#names[@]} == 0)); then
  # Every product journey; the harness's own checks (smoke, fixture) run with `npm run test:e2e:harness`.
  for f in test/e2e/*.e2e.ts; do
    name="$(basename "$f" .e2e.ts)"
    [[ "$name" == smoke || "$name" == fixture ]] || names+=("$name")
  done
fi

status=0
for name in "${names[@]}"; do
  echo "[e2e] running $name" >&2
  start=$SECONDS
  # One test file per node process: its exit hook kills whatever it started.
  FEISHU_E2E_ARTIFACTS="$REPO/artifacts/e2e/$name" node --test-reporter=spec "$BUILD/test/e2e/$name.e2e.js" || status=1
  echo "[e2e] $name took $((SECONDS - start)) s" >&2
done
exit $status
