#!/usr/bin/env bash
# Proves the npm package works for someone who installs it: `npm pack`, a global install of the tarball into an
# empty prefix, then `feishu-upload --version`, `upload --help`, a real upload and a publish against the emulator (started
# from the installed bin itself). Needs the npm registry for the package's dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run build >/dev/null
work="$(mktemp -d)"
trap 'kill "${emu_pid:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
tgz="$(npm pack --silent --pack-destination "$work")"
echo "packed: $tgz ($(tar tzf "$work/$tgz" | tr '\n' ' '))"
npm install -g --prefix "$work/prefix" --no-audit --no-fund --loglevel=error "$work/$tgz" >/dev/null
bin="$work/prefix/bin/feishu-upload"
version="$("$bin" --version)"
[[ "$version" == "$(node -p 'require("./package.json").version')" ]] || { echo "--version printed '$version'" >&2; exit 1; }
"$bin" upload --help | head -n 2
"$bin" help import >/dev/null
# A real upload through the installed bin against the installed emulator: every runtime file is there.
"$bin" emulator --json >"$work/emu.json" &
emu_pid=$!
for _ in $(seq 50); do [[ -s "$work/emu.json" ]] && break; sleep 0.1; done
eval "$(node -e 'const e=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8"));console.log(`export FEISHU_BASE_URL=${e.url} FEISHU_APP_ID=${e.appId} FEISHU_APP_SECRET=${e.appSecret}`)' "$work/emu.json")"
echo "hello from the npm package" >"$work/hello.txt"
"$bin" upload "$work/hello.txt" --json | grep -q '"ok":true'
# The native keychain module installed with the package loads, or degrades to the file: whoami reads the sign-in.
FEISHU_UPLOAD_CONFIG_DIR="$work/config" "$bin" whoami --json | grep -q '"identity":"app"'
# Publishing runs the bundled Markdown parser: the package holds all of it.
printf '# Notes\n\n- [x] **packed**\n\n| a | b |\n|---|---|\n| 1 | 2 |\n' >"$work/notes.md"
FEISHU_UPLOAD_STATE_DIR="$work/state" "$bin" publish "$work/notes.md" --json | grep -q '"ok":true'
echo "npm package OK: feishu-upload $version installs into an empty prefix, uploads and publishes"
