#!/usr/bin/env bash
# Language-server latency benchmark: dfls vs dockerfile-language-server-nodejs 0.15.0 (the server
# the VS Code Docker extensions run), both over stdio, same client, same documents, same run,
# taking turns call by call. didOpen is timed for each server alone: the first file right after
# the server's initialize (as an editor opens it), the second after every server has gone quiet.
# Not a test: CI never runs it.
#
#   bench/lsp/run.sh          every request, as above
#   bench/lsp/run.sh open     didOpen only, over BENCH_OPEN_ROUNDS fresh processes of each server
#                             (open.js): the peer, dfls, and dfls with every rule off (what parsing,
#                             the protocol and a young JVM cost before any rule runs)
#
# Environment (all optional):
#   BENCH_WORK        scratch dir for the npm install, inputs and results (default: mktemp -d)
#   BENCH_N           measured calls per request and server (30), after
#   BENCH_WARMUP      warm-up calls per request and server (20)
#   BENCH_BUDGET_MS   time a server may spend on the measured calls of one request before it
#                     stops early, keeping at least 5 (30000; half of it for the warm-up calls;
#                     the peer's semantic tokens take seconds per call)
#   BENCH_SCALING_N   measured calls per size in the semantic-token scaling (10), after 3 warm-up
#   BENCH_OPEN_ROUNDS fresh processes per server in the open mode (10)
#   BENCH_NICE        niceness of the driver and both servers (-10 when root, else unchanged)
#   DFLS_JAVA_OPTS    extra JVM options for dfls (read by bin/dfls)
#
# Output: JSON lines as they come, then the markdown tables of docs/benchmarks.md.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
WORK="${BENCH_WORK:-$(mktemp -d -t dftools-lspbench.XXXXXX)}"
PEER_VERSION=0.15.0
mkdir -p "$WORK"
WORK="$(cd "$WORK" && pwd)"
echo "# work dir: $WORK"
for tool in java mvn node npm; do
  command -v "$tool" > /dev/null || { echo "$tool not found" >&2; exit 1; }
done

# --- the peer, into the scratch dir (never under the source tree); vscode-jsonrpc comes with it
PEER="$WORK/peer"
if [ ! -x "$PEER/node_modules/.bin/docker-langserver" ]; then
  echo "# installing dockerfile-language-server-nodejs@$PEER_VERSION into $PEER"
  mkdir -p "$PEER"
  (cd "$PEER" && npm init -y > /dev/null && npm install --no-audit --no-fund --loglevel=error \
    "dockerfile-language-server-nodejs@$PEER_VERSION" > /dev/null)
fi
export NODE_PATH="$PEER/node_modules"
v() { node -p "require('$1/package.json').version"; }
PEER_VERSIONS="dockerfile-language-server-nodejs $(v dockerfile-language-server-nodejs), dockerfile-language-service $(v dockerfile-language-service), dockerfile-utils $(v dockerfile-utils), dockerfile-ast $(v dockerfile-ast), vscode-jsonrpc $(v vscode-jsonrpc)"

# --- dfls: the four modules in one reactor (the shared ~/.m2 may hold other snapshots) when the
# jar is missing or older than a source; bin/dfls then starts it as users do
JAR="$ROOT/language-server/target/dfls.jar"
if [ ! -f "$JAR" ] || [ -n "$(find "$ROOT/pom.xml" "$ROOT"/{grammar,linter,build-simulator,language-server}/{pom.xml,src/main} -newer "$JAR" -print -quit)" ]; then
  echo "# building dfls"
  (cd "$ROOT" && mvn -q -B -o package -DskipTests -pl grammar,linter,build-simulator,language-server)
fi
# the launcher's java command (it makes its class archive first); the options, without class path
DFLS_CMD="$(DFTOOLS_SHOW_COMMAND=1 "$ROOT/bin/dfls")"
DFLS_JAVA="${DFLS_CMD%% *}"
DFLS_OPTS="$(echo "$DFLS_CMD" | sed -E 's/^[^ ]* //; s/ -cp .*//; s#=[^ ]*/([^/ ]*\.(aot|jsa))#=\1#')"
DFLS_VERSION=$(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- . ':!bench' ':!docs' || echo "+changes")

# --- inputs: the generator of shared/tools/lsp-peer-bench/probe.js, grown to 4 sizes
node "$HERE/gen.js" "$WORK/files" 490 990 1990 3990 | sed 's/^/# /'
NICE="${BENCH_NICE:-$([ "$(id -u)" = 0 ] && echo -10 || echo 0)}"
cat > "$WORK/config.json" <<JSON
{
  "servers": [
    { "name": "peer", "argv": ["node", "$PEER/node_modules/dockerfile-language-server-nodejs/bin/docker-langserver", "--stdio"] },
    { "name": "dfls", "argv": ["$ROOT/bin/dfls"] }
  ],
  "files": { "500": "$WORK/files/lines-490.Dockerfile", "1000": "$WORK/files/lines-990.Dockerfile",
             "2000": "$WORK/files/lines-1990.Dockerfile", "4000": "$WORK/files/lines-3990.Dockerfile" },
  "main": ["2000", "4000"],
  "scaling": ["500", "1000", "2000", "4000"],
  "n": ${BENCH_N:-30}, "warmup": ${BENCH_WARMUP:-20}, "budgetMs": ${BENCH_BUDGET_MS:-30000},
  "scalingN": ${BENCH_SCALING_N:-10}, "scalingWarmup": 3,
  "workDir": "$WORK", "out": "$WORK/results.json"
}
JSON

MACHINE="$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $(free -g | awk '/^Mem:/{print $2}') GB"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
echo "# versions: dfls $DFLS_VERSION ($("$DFLS_JAVA" -version 2>&1 | head -1), JVM options: $DFLS_OPTS); $PEER_VERSIONS; node $(node -v)"
echo "# machine: $MACHINE, load before $LOAD_BEFORE; niceness $NICE"
START=$(date -u +%FT%TZ)
if [ "${1:-}" = open ]; then
  # the same servers, files and workspace; one more server: dfls with every rule off (settings)
  ALL_RULES=$("$ROOT/bin/dflint" --list-rules | awk 'NR > 1 { printf "%s\"%s\"", (n++ ? "," : ""), $1 }')
  node -e '
    const c = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const dfls = c.servers.find(s => s.name === "dfls");
    c.servers.push({ name: "dfls, every rule off", argv: dfls.argv,
      initializationOptions: { dfls: { rules: { ignored: JSON.parse(process.argv[2]) } } } });
    Object.assign(c, { first: c.files["2000"], second: c.files["4000"], rounds: Number(process.argv[3]),
      out: c.workDir + "/open.json" });
    require("fs").writeFileSync(c.workDir + "/open-config.json", JSON.stringify(c, null, 2));
  ' "$WORK/config.json" "[$ALL_RULES]" "${BENCH_OPEN_ROUNDS:-10}"
  {
    echo "Run $START. dfls $DFLS_VERSION on $("$DFLS_JAVA" -version 2>&1 | head -1) (bin/dfls: $DFLS_OPTS); $PEER_VERSIONS; node $(node -v)."
    echo "Machine: $MACHINE; load average $LOAD_BEFORE before; driver and servers at niceness $NICE."
    nice -n "$NICE" node "$HERE/open.js" "$WORK/open-config.json" | tee "$WORK/open.jsonl" | grep -v '^{'
    echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)."
  } | tee "$WORK/open-summary.md"
  echo "# results: $WORK/open.json, summary: $WORK/open-summary.md"
  exit 0
fi
nice -n "$NICE" node "$HERE/drive.js" "$WORK/config.json" | tee "$WORK/results.jsonl"
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

echo
{
  echo "Run $START, $(date -u +%FT%TZ) end. dfls $DFLS_VERSION on $("$DFLS_JAVA" -version 2>&1 | head -1) (bin/dfls: $DFLS_OPTS); $PEER_VERSIONS; node $(node -v)."
  echo "Machine: $MACHINE; load average $LOAD_BEFORE before, $LOAD_AFTER after; driver and servers at niceness $NICE."
  node "$HERE/summarize.js" "$WORK/results.json" peer dfls
} | tee "$WORK/summary.md"
echo "# results: $WORK/results.json, summary: $WORK/summary.md"
