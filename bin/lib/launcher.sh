# Shared by the bin/ launchers: check the toolchain, (re)build a module's jar when it is missing
# or older than its sources, then run it. Sourced, not executed.

dftools_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

dftools_fail() {
  echo "$1" >&2
  exit 2
}

dftools_check_java() {
  command -v java >/dev/null 2>&1 || dftools_fail "dftools: Java 17 or newer is needed (no 'java' on PATH); install e.g. openjdk-17-jdk."
  local version
  version=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  [ "${version%%.*}" -ge 17 ] 2>/dev/null || dftools_fail "dftools: Java 17 or newer is needed (found ${version:-unknown})."
}

# dftools_ensure_jar MODULE JAR_NAME SOURCE_MODULE...
# Builds MODULE (and what it depends on) when target/JAR_NAME is missing or a source is newer.
dftools_ensure_jar() {
  local module=$1 jar_name=$2
  shift 2
  local jar="$dftools_root/$module/target/$jar_name"
  local stale=""
  if [ ! -f "$jar" ]; then
    stale="missing"
  else
    local paths=("$dftools_root/pom.xml")
    local m
    for m in "$@"; do paths+=("$dftools_root/$m/pom.xml" "$dftools_root/$m/src/main"); done
    stale=$(find "${paths[@]}" -newer "$jar" -print -quit 2>/dev/null)
  fi
  if [ -n "$stale" ]; then
    dftools_check_java   # a second JVM start costs ~50 ms: only when building
    command -v mvn >/dev/null 2>&1 || dftools_fail "dftools: Maven is needed to build $jar_name (no 'mvn' on PATH); install e.g. the 'maven' package."
    local log
    log=$(mktemp "${TMPDIR:-/tmp}/dftools-build.XXXXXX")
    echo "dftools: building $jar_name (first use or sources changed)..." >&2
    # a lock so two launchers started together do not build over each other
    if ! (cd "$dftools_root" && flock "$dftools_root/.build.lock" \
          mvn -q -B -ntp -DskipTests -pl "$module" -am install >"$log" 2>&1); then
      tail -n 40 "$log" >&2
      rm -f "$log"
      dftools_fail "dftools: build of $jar_name failed (see above)."
    fi
    rm -f "$log"
  fi
  command -v java >/dev/null 2>&1 || dftools_fail "dftools: Java 17 or newer is needed (no 'java' on PATH); install e.g. openjdk-17-jdk."
  DFTOOLS_JAR="$jar"
}

# Short-lived CLI processes start faster with the client compiler and a small GC.
DFTOOLS_JAVA_OPTS=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto)

# dftools_class_data_sharing SAMPLE_ARGS...
# Start-up is mostly class loading: a dynamic AppCDS archive made once per jar (by running the
# tool on a sample) lets later runs map the classes instead of loading them. Falls back silently.
dftools_class_data_sharing() {
  local archive="${DFTOOLS_JAR%.jar}.jsa"
  if [ ! -f "$archive" ] || [ "$DFTOOLS_JAR" -nt "$archive" ]; then
    rm -f "$archive"
    java "${DFTOOLS_JAVA_OPTS[@]}" -XX:ArchiveClassesAtExit="$archive" -jar "$DFTOOLS_JAR" "$@" \
      >/dev/null 2>&1 || true
  fi
  if [ -f "$archive" ]; then
    DFTOOLS_JAVA_OPTS+=(-XX:SharedArchiveFile="$archive")
  fi
}
