#!/usr/bin/env bash
# Parser throughput benchmark: dftools' grammar module vs the npm package dockerfile-ast, on the
# same corpus files in the same order, in the same run. Not a test: it is never run by CI.
#
#   bench/parser/run.sh
#
# Environment (all optional):
#   BENCH_WORK            scratch dir for npm packages, inputs and results (default: mktemp -d)
#   BENCH_CORPUS          corpus dir (default: <repo>/../shared/corpus/real-world)
#   BENCH_ROUNDS          corpus rounds; each round runs every tool once, order alternating (2)
#   BENCH_WARMUP_PASSES   warm-up passes, at least (20)
#   BENCH_WARMUP_SECONDS  warm-up seconds, at least (10)
#   BENCH_PASSES          measured passes per round (30)
#   BENCH_BIG_RUNS        parses of the 10 MiB file per fresh process (6)
#   BENCH_BIG_MAX_SECONDS no new parse of it starts after this many seconds, at least 2 runs (60);
#                         dockerfile-ast needs minutes per parse of that file
#   BENCH_PHASES          1 = also time dftools' lexing / parse tree / AST building (1)
#   BENCH_JFR             1 = also record a JFR CPU profile of one dftools corpus run and print the
#                         hottest frames (0)
#   JAVA_OPTS             extra JVM options (default -Xmx4g)
#
# Output: JSON lines and '#' lines as they come, then markdown tables. Exits non-zero only when
# something fails (build, install, a benchmark crashing); a missed goal is reported, not failed.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
WORK="${BENCH_WORK:-$(mktemp -d -t dftools-bench.XXXXXX)}"
CORPUS="${BENCH_CORPUS:-$ROOT/../shared/corpus/real-world}"
ROUNDS="${BENCH_ROUNDS:-2}"
WARMUP_PASSES="${BENCH_WARMUP_PASSES:-20}"
WARMUP_SECONDS="${BENCH_WARMUP_SECONDS:-10}"
PASSES="${BENCH_PASSES:-30}"
BIG_RUNS="${BENCH_BIG_RUNS:-6}"
BIG_MAX_SECONDS="${BENCH_BIG_MAX_SECONDS:-60}"
PHASES="${BENCH_PHASES:-1}"
JFR="${BENCH_JFR:-0}"
read -r -a JAVA_FLAGS <<< "${JAVA_OPTS:--Xmx4g}"
DFA_VERSION=0.7.1

mkdir -p "$WORK"
RESULTS="$WORK/results.jsonl"
: > "$RESULTS"
echo "# work dir: $WORK"
echo "# corpus:   $CORPUS"

if [ ! -d "$CORPUS" ]; then
  echo "corpus not found: $CORPUS" >&2
  exit 1
fi
for tool in java mvn node npm; do
  command -v "$tool" > /dev/null || { echo "$tool not found" >&2; exit 1; }
done

# --- build: the grammar module into the local repository, then the benchmark against it
echo "# building grammar and the benchmark"
(cd "$ROOT" && mvn -q -B -DskipTests install -pl grammar -am)
# Run against a private copy of this tree's grammar jar, not the one in ~/.m2: the local
# repository is shared, and another checkout may install its own grammar there mid-run.
cp "$ROOT/grammar/target/grammar-0.1.0-SNAPSHOT.jar" "$WORK/grammar.jar"
mvn -q -B -f "$HERE/pom.xml" package dependency:build-classpath -DexcludeArtifactIds=grammar \
  -Dmdep.outputFile="$WORK/cp.txt"
CP="$HERE/target/classes:$WORK/grammar.jar:$(cat "$WORK/cp.txt")"

# --- dockerfile-ast, installed in the scratch dir (never under the source tree)
if [ "$(node -p "try { require('$WORK/node_modules/dockerfile-ast/package.json').version } catch (e) { '' }")" != "$DFA_VERSION" ]; then
  echo "# installing dockerfile-ast@$DFA_VERSION into $WORK"
  (cd "$WORK" && npm install --no-audit --no-fund --loglevel=error "dockerfile-ast@$DFA_VERSION" > /dev/null)
fi
export NODE_PATH="$WORK/node_modules"

java_bench() { java "${JAVA_FLAGS[@]}" -cp "$CP" dev.dftools.bench.ParserBench "$@"; }
node_bench() { node "$HERE/dockerfile-ast-bench.js" "$@"; }
run() { "$@" | tee -a "$RESULTS"; }

# --- inputs, shared by both tools: the file list (sorted, fixed order) and the 10 MiB file
run java_bench prepare "$CORPUS" "$WORK"

echo "# versions: $(java -version 2>&1 | head -1); node $(node -v); dockerfile-ast $DFA_VERSION"
OPTS=(--warmup-passes "$WARMUP_PASSES" --warmup-seconds "$WARMUP_SECONDS" --passes "$PASSES")

# --- corpus throughput: every tool once per round, one process each, order alternating
for ((round = 1; round <= ROUNDS; round++)); do
  echo "# round $round/$ROUNDS"
  if ((round % 2 == 1)); then
    run java_bench corpus "$WORK/files.txt" "${OPTS[@]}"
    run node_bench corpus "$WORK/files.txt" "${OPTS[@]}"
    run node_bench corpus "$WORK/files.txt" "${OPTS[@]}" --eager
  else
    run node_bench corpus "$WORK/files.txt" "${OPTS[@]}" --eager
    run node_bench corpus "$WORK/files.txt" "${OPTS[@]}"
    run java_bench corpus "$WORK/files.txt" "${OPTS[@]}"
  fi
done

# --- the 10 MiB file: a fresh process per tool, so the first parse is cold
echo "# big file"
run java_bench big "$WORK/big.Dockerfile" --runs "$BIG_RUNS" --max-seconds "$BIG_MAX_SECONDS"
run node_bench big "$WORK/big.Dockerfile" --runs "$BIG_RUNS" --max-seconds "$BIG_MAX_SECONDS"

# --- where dftools spends its time
if [ "$PHASES" = 1 ]; then
  echo "# dftools phases"
  # the plain corpus rows of this run are already in; keep this run's own corpus row out
  java_bench corpus "$WORK/files.txt" --warmup-passes 5 --warmup-seconds 5 --passes "$PASSES" --phases \
    | grep -v '"bench":"corpus"' | tee -a "$RESULTS"
fi
if [ "$JFR" = 1 ]; then
  echo "# dftools JFR profile (top frames by CPU samples)"
  java "${JAVA_FLAGS[@]}" -XX:StartFlightRecording=filename="$WORK/corpus.jfr",settings=profile \
    -cp "$CP" dev.dftools.bench.ParserBench corpus "$WORK/files.txt" --warmup-seconds 20 --passes 60 > /dev/null 2>&1
  jfr print --events jdk.ExecutionSample "$WORK/corpus.jfr" > "$WORK/samples.txt"
  echo "## top frames (self)"
  awk '/stackTrace = \[/ {getline; sub(/^[ \t]+/, ""); sub(/[ \t]+line:.*/, ""); print}' "$WORK/samples.txt" \
    | sort | uniq -c | sort -rn | head -25
fi

echo
node "$HERE/summarize.js" "$RESULTS" | tee "$WORK/summary.md"
echo
echo "# results: $RESULTS, summary: $WORK/summary.md"
