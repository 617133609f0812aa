#!/bin/sh
# End-to-end test of the dftools extension in a real VS Code (code-server 4.100.3) in a real browser
# (Debian's Chromium, driven by playwright-core): installs the .vsix into a throw-away profile, opens
# a temp copy of ./workspace and runs drive.js (squiggles, Problems, hover, merge-RUNs quick fix,
# Simulate build, Lint workspace), then measures open -> first diagnostics on fresh starts.
#
# Usage: run-e2e.sh [VSIX]        (default: ../../dftools.vsix, made by `npm run package`)
# Env:   OUT_DIR      screenshots, logs, timings (default: vscode-extension/test-output/e2e)
#        TIMING_RUNS  extra fresh starts measuring open -> first diagnostics (default 4)
#        CHROMIUM     browser (default /usr/bin/chromium)
# Cached outside the repository in ${XDG_CACHE_HOME:-~/.cache}/dftools: code-server/, playwright/.
# Exit: 0 passed, 1 failed, 77 skipped (a prerequisite could not be installed; the reason is printed).
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
EXT=$(cd "$HERE/../.." && pwd)
REPO=$(cd "$EXT/.." && pwd)
VSIX=$(cd "$(dirname "${1:-$EXT/dftools.vsix}")" && pwd)/$(basename "${1:-$EXT/dftools.vsix}")
CACHE=${XDG_CACHE_HOME:-$HOME/.cache}/dftools
CS_DIR=$CACHE/code-server
PW_DIR=$CACHE/playwright
CS_VERSION=4.100.3          # the last code-server whose postinstall accepts Node 20
PW_VERSION=1.65.1
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
OUT_DIR=${OUT_DIR:-$EXT/test-output/e2e}
TIMING_RUNS=${TIMING_RUNS:-4}
skip() { echo "e2e: SKIPPED: $1" >&2; exit 77; }

[ -f "$VSIX" ] || { echo "e2e: no $VSIX; run 'npm run package' first" >&2; exit 1; }
command -v java >/dev/null 2>&1 || skip "no java on PATH (the extension needs Java 17+)"
is_root() { [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; }
apt() { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null 2>&1 \
  || { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null 2>&1; }; }

# --- prerequisites (each installed once, then reused) ---
if [ ! -x "$CHROMIUM" ]; then
  is_root || skip "Chromium ($CHROMIUM) is missing and cannot be installed (needs root and apt: apt-get install chromium)"
  echo "e2e: installing chromium (apt)" >&2
  apt chromium || skip "apt-get install chromium failed (no network to the Debian mirror?)"
fi
mkdir -p "$CACHE"
if [ ! -x "$CS_DIR/node_modules/.bin/code-server" ]; then
  is_root || skip "code-server $CS_VERSION is not in $CS_DIR and its native build needs root for apt (build-essential python3 libkrb5-dev ripgrep)"
  echo "e2e: installing code-server $CS_VERSION into $CS_DIR (once, ~1-3 min)" >&2
  apt build-essential python3 libkrb5-dev ripgrep || skip "apt-get install of code-server's build dependencies failed"
  # @vscode/ripgrep downloads rg from GitHub in its postinstall unless its cache has the archive:
  # seed it with Debian's rg (the cache is <os.tmpdir()>/vscode-ripgrep-cache-<version>).
  SEED_TMP=$(mktemp -d)
  mkdir -p "$SEED_TMP/vscode-ripgrep-cache-1.15.11" "$SEED_TMP/seed"
  cp "$(command -v rg)" "$SEED_TMP/seed/rg"
  tar czf "$SEED_TMP/vscode-ripgrep-cache-1.15.11/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$SEED_TMP/seed" rg
  mkdir -p "$CS_DIR"
  [ -f "$CS_DIR/package.json" ] || echo '{"name":"dftools-code-server","private":true}' > "$CS_DIR/package.json"
  # Local install (npm -g makes the postinstall reinstall code-server over itself); unsafe_perm lets
  # the postinstall run as root; yes=true lets node-pty's `npx node-gyp` run; nodedir=/usr uses the
  # local Node headers instead of downloading them.
  if ! (cd "$CS_DIR" && TMPDIR="$SEED_TMP" npm_config_unsafe_perm=true npm_config_yes=true npm_config_nodedir=/usr \
        npm install --foreground-scripts --no-audit --no-fund "code-server@$CS_VERSION" > "$CACHE/code-server-install.log" 2>&1); then
    rm -rf "$SEED_TMP"
    skip "npm install code-server@$CS_VERSION failed (npm registry unreachable?): see $CACHE/code-server-install.log"
  fi
  rm -rf "$SEED_TMP"
fi
if [ ! -d "$PW_DIR/node_modules/playwright-core" ]; then
  mkdir -p "$PW_DIR"
  [ -f "$PW_DIR/package.json" ] || echo '{"name":"dftools-playwright","private":true}' > "$PW_DIR/package.json"
  (cd "$PW_DIR" && npm install --no-audit --no-fund "playwright-core@$PW_VERSION" > "$CACHE/playwright-install.log" 2>&1) \
    || skip "npm install playwright-core@$PW_VERSION failed (npm registry unreachable?): see $CACHE/playwright-install.log"
fi

# --- one isolated code-server session ---
rm -rf "$OUT_DIR"; mkdir -p "$OUT_DIR"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/dftools-e2e.XXXXXX")
CS_PID=""
# code-server runs in its own process group (setsid), so stopping it also stops its extension
# hosts, dfls and the file watcher, which otherwise linger for seconds and write into $WORK.
stop_cs() { [ -n "$CS_PID" ] && { kill -- "-$CS_PID" 2>/dev/null || kill "$CS_PID" 2>/dev/null; wait "$CS_PID" 2>/dev/null; }; CS_PID=""; }
cleanup() { stop_cs; sleep 1; rm -rf "$WORK"; }
trap cleanup EXIT INT TERM
CS="$CS_DIR/node_modules/.bin/code-server"
# The hover check needs a server with a hover provider (the dfls-nav work); say so when it is absent.
HOVER_EXPECTED=0
grep -rqs "setHoverProvider" "$REPO/language-server/src/main/java" && HOVER_EXPECTED=1
export HOVER_EXPECTED PW_DIR CHROMIUM

# session NAME MODE WARM_WAIT_MS: a fresh profile and workspace, code-server on a free port, drive.js in MODE.
session() {
  name=$1 mode=$2 warm=$3
  S="$WORK/$name"
  mkdir -p "$S/user/User" "$S/extensions" "$S/tmp" "$S/logs"
  cp -r "$HERE/workspace" "$S/workspace"
  port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
  printf 'bind-addr: 127.0.0.1:%s\nauth: none\ncert: false\n' "$port" > "$S/config.yaml"
  cat > "$S/user/User/settings.json" <<JSON
{ "workbench.startupEditor": "none", "security.workspace.trust.enabled": false,
  "extensions.autoCheckUpdates": false, "extensions.autoUpdate": false, "telemetry.telemetryLevel": "off",
  "workbench.tips.enabled": false, "git.enabled": false, "chat.commandCenter.enabled": false,
  "dftools.trace.server": "messages" }
JSON
  # Every code-server call gets --config (else it writes one into the user's config dir) and
  # TMPDIR (else its sockets and Chromium's temp dirs stay in the system temp dir).
  TMPDIR="$S/tmp" "$CS" --config "$S/config.yaml" --user-data-dir "$S/user" --extensions-dir "$S/extensions" \
    --install-extension "$VSIX" --force > "$S/logs/install.log" 2>&1 || { cat "$S/logs/install.log" >&2; return 1; }
  TMPDIR="$S/tmp" setsid "$CS" --config "$S/config.yaml" --auth none --bind-addr "127.0.0.1:$port" \
    --disable-telemetry --disable-update-check --disable-workspace-trust --disable-getting-started-override \
    --user-data-dir "$S/user" --extensions-dir "$S/extensions" > "$S/logs/code-server.log" 2>&1 &
  CS_PID=$!
  i=0; until curl -sf -o /dev/null "http://127.0.0.1:$port/healthz"; do
    i=$((i+1)); [ $i -gt 120 ] && { echo "e2e: code-server did not answer" >&2; return 1; }; sleep 0.25; done
  rc=0
  TMPDIR="$S/tmp" MODE=$mode WARM_WAIT_MS=$warm SETTINGS_FILE="$S/user/User/settings.json" OUT_DIR="$OUT_DIR/$name" node "$HERE/drive.js" "http://127.0.0.1:$port" "$S/workspace" \
    > "$OUT_DIR/$name.log" 2>&1 || rc=1
  cat "$OUT_DIR/$name.log"
  stop_cs
  # keep the extension's logs (output channels, extension host) next to the screenshots
  find "$S/user/logs" -name '*.log' \( -path '*exthost*' \) -exec cp {} "$OUT_DIR/$name/" \; 2>/dev/null || true
  return $rc
}

status=0
# The full session opens the Dockerfile 1 s after the window (cold: the extension host is still
# booting); the timing sessions wait WARM_WAIT_MS (default 6 s), as when a user opens a file.
session full full 1000 || status=1
n=1
while [ $n -le "$TIMING_RUNS" ]; do
  session "timing-$n" timing "${WARM_WAIT_MS:-6000}" || status=1
  n=$((n+1))
done
# Per session: click -> squiggles (browser) and activation -> Java found -> dfls initialized ->
# first diagnostics (the extension's time-stamped log).
node - "$OUT_DIR" > "$OUT_DIR/timings.txt" <<'JS'
const fs = require('fs'), path = require('path');
const out = process.argv[2];
for (const f of fs.readdirSync(out).filter((f) => f.endsWith('.log')).sort()) {
  const name = f.slice(0, -4);
  const ms = /E2E_OPEN_TO_DIAGNOSTICS_MS=(\d+)/.exec(fs.readFileSync(path.join(out, f), 'utf8'));
  let ext = '';
  const logFile = path.join(out, name, '1-dftools (dfls).log');
  if (fs.existsSync(logFile)) {
    const t = {};
    for (const m of fs.readFileSync(logFile, 'utf8').matchAll(/^\[([^\]]+)\] (dftools extension activated|starting|dfls initialized|first diagnostics shown)/gm)) t[m[2]] ??= Date.parse(m[1]);
    const a = t['dftools extension activated'];
    const d = (k) => (t[k] !== undefined && a !== undefined ? t[k] - a : '?');
    ext = ` | activation -> java found ${d('starting')} ms, -> dfls initialized ${d('dfls initialized')} ms, -> first diagnostics ${d('first diagnostics shown')} ms`;
  }
  console.log(`${name}: open -> squiggles ${ms ? ms[1] : '?'} ms${ext}`);
}
JS
cat "$OUT_DIR/timings.txt"
[ $status -eq 0 ] && echo "e2e: PASSED" || echo "e2e: FAILED (screenshots and logs in $OUT_DIR)"
exit $status
