#!/usr/bin/env bash
# Linter speed benchmark: dflint vs the npm linters dockerfilelint and dockerfile-utils, on the
# same corpus files in the same order, in the same run, tools taking turns. Not a test: CI never
# runs it.
#
#   bench/lint/run.sh
#
# Environment (all optional):
#   BENCH_WORK          scratch dir for npm packages, inputs and results (default: mktemp -d)
#   BENCH_CORPUS        corpus dir (default: <repo>/../shared/corpus/real-world)
#   BENCH_CORPUS_RUNS   runs per tool over the whole corpus, one process per run (3)
#   BENCH_COLD_FILE     the small Dockerfile for the cold runs (default: docs/examples/Dockerfile)
#   BENCH_COLD_RUNS     cold runs per command (20), after 2 warm-up runs each
#   BENCH_JVM_RUNS      runs per variant in the dflint cold-start analysis (15); 0 = skip it
#   DFLINT_PEERS        npm packages to compare with (default: "dockerfilelint dockerfile-utils",
#                       latest versions; the versions used are printed and recorded)
#
# Every timed run is a whole process, measured from spawn to exit by timeit.js (tools alternate
# within each round, order reversed every other round). Output: JSON lines and '#' lines as they
# come, then markdown tables. A missed goal is reported, not failed.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
WORK="${BENCH_WORK:-$(mktemp -d -t dftools-lintbench.XXXXXX)}"
CORPUS="${BENCH_CORPUS:-$ROOT/../shared/corpus/real-world}"
CORPUS_RUNS="${BENCH_CORPUS_RUNS:-3}"
COLD_FILE="${BENCH_COLD_FILE:-$ROOT/docs/examples/Dockerfile}"
COLD_RUNS="${BENCH_COLD_RUNS:-20}"
JVM_RUNS="${BENCH_JVM_RUNS:-15}"

mkdir -p "$WORK"
WORK="$(cd "$WORK" && pwd)"
RESULTS="$WORK/results.jsonl"
: > "$RESULTS"
echo "# work dir: $WORK"
echo "# corpus:   $CORPUS"
[ -d "$CORPUS" ] || { echo "corpus not found: $CORPUS" >&2; exit 1; }
for tool in java mvn node npm; do
  command -v "$tool" > /dev/null || { echo "$tool not found" >&2; exit 1; }
done

# --- the peers, latest from npm, into the scratch dir (never under the source tree)
echo "# installing dockerfilelint and dockerfile-utils (latest) into $WORK"
(cd "$WORK" && npm install --no-audit --no-fund --loglevel=error dockerfilelint@latest dockerfile-utils@latest > /dev/null)
export NODE_PATH="$WORK/node_modules"
V_DFL=$(node -p "require('dockerfilelint/package.json').version")
V_DFU=$(node -p "require('dockerfile-utils/package.json').version")

# PATH without shellcheck: every /usr/bin entry but shellcheck, linked into the scratch dir.
# (--ignore DF3900 does not stop the shellcheck processes: see the corpus rows.)
NOSC="$WORK/path-without-shellcheck"
rm -rf "$NOSC"; mkdir -p "$NOSC"
for f in /usr/bin/*; do [ "${f##*/}" = shellcheck ] || ln -s "$f" "$NOSC/${f##*/}"; done
NOSC_PATH="$NOSC"

# --- dflint: built (and its class archives made) by its own launcher, as on first use
"$ROOT/bin/dflint" --version > /dev/null
PATH="$WORK/path-without-shellcheck" "$ROOT/bin/dflint" --version > /dev/null   # its other archive (see below)
JAR="$ROOT/linter/target/dflint.jar"
# the launcher's java and options (DFTOOLS_SHOW_COMMAND): a JDK 25+ with an AOT cache when one is
# installed, else java from PATH with an AppCDS archive
# (as run without ShellCheck on PATH, the goal's rows)
read -r -a LAUNCH <<< "$(PATH="$NOSC_PATH" DFTOOLS_SHOW_COMMAND=1 "$ROOT/bin/dflint" FILE)"
LJAVA=${LAUNCH[0]}
BASE_ARGS=() ARCHIVE=""
for a in "${LAUNCH[@]:1}"; do
  [ "$a" = -cp ] && break
  case $a in -XX:AOTCache=* | -XX:SharedArchiveFile=*) ARCHIVE=$a ;; *) BASE_ARGS+=("$a") ;; esac
done
[ -n "$ARCHIVE" ] && [ -f "${ARCHIVE#*=}" ] || { echo "the launcher made no class archive (${LAUNCH[*]})" >&2; exit 1; }
DFLINT_VERSION=$("$ROOT/bin/dflint" --version)
# the JDK 17 path of the launcher (AppCDS), for comparison, when a JDK 17 is installed
JAVA17=""
for h in /usr/lib/jvm/java-17-openjdk-*; do [ -x "$h/bin/java" ] && JAVA17=$h/bin/java && break; done
[ -n "$JAVA17" ] && PATH="$NOSC_PATH" DFTOOLS_JAVA=$JAVA17 "$ROOT/bin/dflint" --version > /dev/null

SC_VERSION=$(command -v shellcheck > /dev/null && shellcheck --version | sed -n 's/^version: //p' || echo "not on PATH")

# --- inputs: the corpus files, sorted (same list, same order for every tool)
find "$CORPUS" -type f ! -name README.md ! -name MANIFEST.tsv | LC_ALL=C sort > "$WORK/files.txt"
N=$(wc -l < "$WORK/files.txt")
mapfile -t FILES < "$WORK/files.txt"
BYTES=$(cat "${FILES[@]}" | wc -c)
# the files the dockerfilelint CLI gets through (its crashes kill the process)
NODE_PATH="$WORK/node_modules" node "$HERE/dockerfilelint-many.js" "$WORK/files.txt" 2> "$WORK/dfl-crashes.json" > /dev/null
node -e "const c=new Set(JSON.parse(require('fs').readFileSync('$WORK/dfl-crashes.json','utf8')).crashedFiles);
  require('fs').writeFileSync('$WORK/files-dfl-cli.txt', require('fs').readFileSync('$WORK/files.txt','utf8').split('\n').filter(f=>f&&!c.has(f)).join('\n')+'\n')"
mapfile -t FILES_DFL_CLI < "$WORK/files-dfl-cli.txt"
DFL_CRASHES=$((N - ${#FILES_DFL_CLI[@]}))

echo "# versions: $DFLINT_VERSION; $("$LJAVA" -version 2>&1 | head -1) ($LJAVA, ${ARCHIVE%%=*}); node $(node -v); dockerfilelint $V_DFL; dockerfile-utils $V_DFU; shellcheck $SC_VERSION"
echo "# files: $N ($BYTES bytes); dockerfilelint crashes on: $(cat "$WORK/dfl-crashes.json")"
echo "# machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), load $(cut -d' ' -f1-3 /proc/loadavg)"

# spec FILE BENCH ROUNDS WARMUP, then lines "tool|peer(0/1)|note|PATH or -|argv..." on stdin;
# @FILES / @FILES_DFL_CLI in argv stand for the file lists (read from files to keep argv short)
spec() {
  node -e '
    const fs = require("fs");
    const [file, bench, rounds, warmup, work] = process.argv.slice(1);
    const FILES = fs.readFileSync(work + "/files.txt", "utf8").split("\n").filter(Boolean);
    const FILES_DFL_CLI = fs.readFileSync(work + "/files-dfl-cli.txt", "utf8").split("\n").filter(Boolean);
    const lines = fs.readFileSync(0, "utf8").split("\n").filter(Boolean);
    const commands = lines.map(l => { const [tool, peer, note, path, ...argv] = l.split("|");
      const c = { tool, argv: argv.flatMap(a => a === "@FILES" ? FILES : a === "@FILES_DFL_CLI" ? FILES_DFL_CLI : [a]) };
      if (peer === "1") c.peer = true; if (note) c.note = note; if (path !== "-") c.env = { PATH: path }; return c; });
    fs.writeFileSync(file, JSON.stringify({ bench, rounds: +rounds, warmup: +warmup, commands }));
  ' "$@" "$WORK"
}
run_spec() { node "$HERE/timeit.js" "$1" | tee -a "$RESULTS"; }

DFLINT="$ROOT/bin/dflint"
DFL_BIN="$WORK/node_modules/.bin/dockerfilelint"
DFU_BIN="$WORK/node_modules/.bin/dockerfile-utils"

# --- 1. the whole corpus, one invocation per tool and run
echo "# corpus: $CORPUS_RUNS runs per tool"
spec "$WORK/corpus.json" corpus "$CORPUS_RUNS" 0 <<SPEC
dflint|0|as users run it: bin/dflint, ShellCheck on PATH|-|$DFLINT|@FILES
dflint --ignore DF3900|0|bin/dflint, ShellCheck on PATH|-|$DFLINT|--ignore|DF3900|@FILES
dflint, ShellCheck not on PATH|0|bin/dflint|$NOSC_PATH|$DFLINT|@FILES
dockerfilelint $V_DFL|1|one-process Node driver over its API, $DFL_CRASHES crashing files skipped|-|node|$HERE/dockerfilelint-many.js|$WORK/files.txt
dockerfilelint $V_DFL CLI|0|${#FILES_DFL_CLI[@]} files: the CLI dies on the other $DFL_CRASHES|-|$DFL_BIN|@FILES_DFL_CLI
dockerfile-utils $V_DFU|1|one-process Node driver over its API (CLI takes one file)|-|node|$HERE/dockerfile-utils-many.js|$WORK/files.txt
SPEC
run_spec "$WORK/corpus.json"

# --- 2. one small Dockerfile, a fresh process each run
echo "# cold: $COLD_FILE, $COLD_RUNS runs per command"
spec "$WORK/cold.json" cold "$COLD_RUNS" 2 <<SPEC
dflint|0|as users run it: bin/dflint, ShellCheck on PATH|-|$DFLINT|$COLD_FILE
dflint --ignore DF3900|0|bin/dflint, ShellCheck on PATH|-|$DFLINT|--ignore|DF3900|$COLD_FILE
dflint, ShellCheck not on PATH|0|bin/dflint|$NOSC_PATH|$DFLINT|$COLD_FILE
dockerfilelint $V_DFL|1|CLI|-|$DFL_BIN|$COLD_FILE
dockerfile-utils $V_DFU|1|CLI: lint|-|$DFU_BIN|lint|$COLD_FILE
$([ -n "$JAVA17" ] && echo "dflint on JDK 17 (AppCDS), ShellCheck not on PATH|0|DFTOOLS_JAVA=$JAVA17 bin/dflint|$NOSC_PATH|env|DFTOOLS_JAVA=$JAVA17|$DFLINT|$COLD_FILE")
SPEC
run_spec "$WORK/cold.json"

# --- 3. where dflint's cold time goes: the launcher's java command, varied one option at a time
if [ "$JVM_RUNS" -gt 0 ]; then
  echo "# dflint cold-start analysis: $JVM_RUNS runs per variant"
  # the launcher's flags and entry (bin/lib/launcher.sh, bin/dflint for one file)
  IFS='|'; BASE="${BASE_ARGS[*]}|$ARCHIVE"; NOARCH="${BASE_ARGS[*]}"; unset IFS
  MAIN="dev.dftools.lint.cli.Dflint"
  # an archive trained on the whole corpus (all rule paths) instead of the launcher's one file
  if [ "${ARCHIVE%%=*}" = -XX:AOTCache ]; then
    CORPUS_ARCHIVE="$WORK/dflint-corpus.aot"; TRAIN="-XX:AOTCacheOutput=$CORPUS_ARCHIVE"
  else
    CORPUS_ARCHIVE="$WORK/dflint-corpus.jsa"; TRAIN="-XX:ArchiveClassesAtExit=$CORPUS_ARCHIVE"
  fi
  rm -f "$CORPUS_ARCHIVE"
  PATH="$NOSC_PATH" "$LJAVA" "${BASE_ARGS[@]}" "$TRAIN" -cp "$JAR" "$MAIN" --no-fail "${FILES[@]}" > /dev/null 2>&1 || true
  C2BASE=$(echo "$BASE" | sed 's/-XX:TieredStopAtLevel=1|//')
  NOSHARE=$(echo "$NOARCH" | sed 's/|-Xshare:auto//')
  spec "$WORK/coldjvm.json" coldjvm "$JVM_RUNS" 2 <<SPEC
floor: node -e 0|0||-|node|-e|0
floor: java -version|0|launcher flags + archive, no app code|-|$LJAVA|$BASE|-version
bin/dflint FILE|0|no ShellCheck on PATH|$NOSC_PATH|$DFLINT|$COLD_FILE
java -cp JAR MAIN FILE|0|the launcher's exec line alone, no ShellCheck on PATH|$NOSC_PATH|$LJAVA|$BASE|-cp|$JAR|$MAIN|$COLD_FILE
java -cp JAR MAIN FILE, ShellCheck on PATH|0|same, with ShellCheck|-|$LJAVA|$BASE|-cp|$JAR|$MAIN|$COLD_FILE
java -cp JAR MAIN --version|0|JVM + option parsing, no linting|-|$LJAVA|$BASE|-cp|$JAR|$MAIN|--version
java -cp JAR MAIN --no-context FILE|0|no ShellCheck|$NOSC_PATH|$LJAVA|$BASE|-cp|$JAR|$MAIN|--no-context|$COLD_FILE
no archive|0|JDK default CDS only, no ShellCheck|$NOSC_PATH|$LJAVA|$NOARCH|-cp|$JAR|$MAIN|$COLD_FILE
-Xshare:off|0|no CDS at all, no ShellCheck|$NOSC_PATH|$LJAVA|$NOSHARE|-Xshare:off|-cp|$JAR|$MAIN|$COLD_FILE
archive trained on the corpus|0|instead of the launcher's one-file archive, no ShellCheck|$NOSC_PATH|$LJAVA|$NOARCH|${ARCHIVE%%=*}=$CORPUS_ARCHIVE|-cp|$JAR|$MAIN|$COLD_FILE
+ -Xint|0|no JIT, no ShellCheck|$NOSC_PATH|$LJAVA|$BASE|-Xint|-cp|$JAR|$MAIN|$COLD_FILE
C2 on (no TieredStopAtLevel=1)|0|no ShellCheck|$NOSC_PATH|$LJAVA|$C2BASE|-cp|$JAR|$MAIN|$COLD_FILE
+ -XX:CICompilerCount=1|0|no ShellCheck|$NOSC_PATH|$LJAVA|$BASE|-XX:CICompilerCount=1|-cp|$JAR|$MAIN|$COLD_FILE
java -jar FILE (instead of -cp JAR MAIN)|0|the jar's central directory is read for the manifest, no ShellCheck|$NOSC_PATH|$LJAVA|$BASE|-jar|$JAR|$COLD_FILE
+ -Xss512k -Xmx256m -Xms16m|0|no ShellCheck|$NOSC_PATH|$LJAVA|$BASE|-Xss512k|-Xmx256m|-Xms16m|-cp|$JAR|$MAIN|$COLD_FILE
+ no bytecode verification of jar classes|0|-XX:-BytecodeVerificationRemote, no ShellCheck|$NOSC_PATH|$LJAVA|-XX:+UnlockDiagnosticVMOptions|-XX:-BytecodeVerificationRemote|$BASE|-cp|$JAR|$MAIN|$COLD_FILE
+ both: -XX:-BytecodeVerificationRemote -XX:CICompilerCount=1|0|no ShellCheck|$NOSC_PATH|$LJAVA|-XX:+UnlockDiagnosticVMOptions|-XX:-BytecodeVerificationRemote|-XX:CICompilerCount=1|$BASE|-cp|$JAR|$MAIN|$COLD_FILE
SPEC
  run_spec "$WORK/coldjvm.json"

  echo "# class loading of one cold lint (java -cp JAR MAIN FILE, no ShellCheck): -Xlog:class+load"
  PATH="$NOSC_PATH" "$LJAVA" "${BASE_ARGS[@]}" "$ARCHIVE" \
    -Xlog:class+load:file="$WORK/classload.txt" -Xlog:startuptime:file="$WORK/startuptime.txt" \
    -cp "$JAR" "$MAIN" "$COLD_FILE" > /dev/null || true
  node "$HERE/classload.js" "$WORK/classload.txt" | tee "$WORK/classload.md"
  echo "# -Xlog:startuptime"; cat "$WORK/startuptime.txt"

  echo "# in-process steps of one cold run (bench/lint/probe/ColdProbe.java, no ShellCheck), 3 fresh JVMs"
  mkdir -p "$WORK/probe"
  javac -d "$WORK/probe" -cp "$JAR" "$HERE/probe/dev/dftools/lint/cli/ColdProbe.java"
  # a jar, not the directory: the JVM refuses the AppCDS archive when a non-empty directory is on the class path
  jar cf "$WORK/probe.jar" -C "$WORK/probe" .
  for i in 1 2 3; do
    PATH="$NOSC_PATH" "$LJAVA" "${BASE_ARGS[@]}" "$ARCHIVE" -cp "$JAR:$WORK/probe.jar" dev.dftools.lint.cli.ColdProbe "$COLD_FILE" | sed "s/^{/{\"bench\":\"probe\",\"run\":$i,/" | tee -a "$RESULTS"
  done
fi

echo
{
  echo "Versions: $DFLINT_VERSION, $("$LJAVA" -version 2>&1 | head -1) (${ARCHIVE%%=*}), node $(node -v), dockerfilelint $V_DFL, dockerfile-utils $V_DFU, shellcheck $SC_VERSION."
  echo "Corpus: $N files, $BYTES bytes. Cold file: ${COLD_FILE#"$ROOT"/}."
  echo
  node "$HERE/summarize.js" "$RESULTS" "$N"
} | tee "$WORK/summary.md"
echo "# results: $RESULTS, summary: $WORK/summary.md"
