# Shared by the bin/ launchers: check the toolchain, (re)build a module's jar when it is missing
# or older than its sources, then run it. Sourced, not executed.

dftools_root="$(cd "${BASH_SOURCE[0]%/*}/../.." && pwd)"   # sourced as .../bin/lib/launcher.sh

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
# An archive that does not match (e.g. the checkout moved) is not used; the JVM's warning about it
# would go to standard output, into the tool's report, so it is turned off.
# -XX:-UsePerfData: no hsperfdata file in /tmp per run (a few ms, and nothing left on the host).
DFTOOLS_JAVA_OPTS=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -Xlog:cds=off,cds+dynamic=off -XX:-UsePerfData)

# How java is told what to run: "-cp JAR MAIN" when the launcher set DFTOOLS_MAIN, else "-jar JAR".
# java -jar opens the jar and reads its whole central directory to find the manifest's Main-Class
# (~15 ms for dflint's 2,400 entries); with -cp and classes from the archive the jar stays closed.
dftools_entry() {
  if [ -n "${DFTOOLS_MAIN:-}" ]; then
    DFTOOLS_ENTRY=(-cp "$DFTOOLS_JAR" "$DFTOOLS_MAIN")
  else
    DFTOOLS_ENTRY=(-jar "$DFTOOLS_JAR")
  fi
}

# dftools_class_data_sharing SAMPLE_ARGS...   (DFTOOLS_TRAINING_INPUT: a function whose output is the sample's stdin)
# Start-up is mostly class loading: a dynamic AppCDS archive made once per jar (by running the
# tool on a sample) lets later runs map the classes instead of loading them. Falls back silently.
# The archive is only valid for the command line it was made with, so that is kept beside it
# (read with the builtin 'read': no process is started on the common path).
# dftools_archive_stale: true when the archive is missing, older than the jar, or made for another
# command line (a launcher with an expensive sample sets it up only then)
dftools_archive_stale() {
  local archive="${DFTOOLS_JAR%.jar}.jsa" made_for=""
  dftools_entry
  [ -f "$archive.cmd" ] && read -r made_for < "$archive.cmd"
  [ ! -f "$archive" ] || [ "$DFTOOLS_JAR" -nt "$archive" ] || [ "$made_for" != "${DFTOOLS_ENTRY[*]}" ]
}

dftools_class_data_sharing() {
  local archive="${DFTOOLS_JAR%.jar}.jsa"
  if dftools_archive_stale; then   # also sets DFTOOLS_ENTRY
    # made under a temporary name and renamed into place: the JVM maps the archive, and a
    # half-written one (two first runs at once) would crash a concurrent run with SIGBUS
    local made="$archive.$$.tmp"
    if [ "${DFTOOLS_ARCHIVE_KIND:-dynamic}" = static ]; then
      # a static archive (the JDK's classes and the tool's, from the sample's class list) also
      # holds Java 5 class files, which JDK 17's dynamic archives skip: picocli's, for dfsim
      dftools_train -XX:DumpLoadedClassList="$made.classlist" "$@"
      [ -s "$made.classlist" ] && java -XX:+UseSerialGC -Xshare:dump -XX:SharedClassListFile="$made.classlist" \
        -XX:SharedArchiveFile="$made" -cp "$DFTOOLS_JAR" >/dev/null 2>&1
      rm -f "$made.classlist"
    else
      dftools_train -XX:ArchiveClassesAtExit="$made" "$@"
    fi
    if [ -f "$made" ]; then
      printf '%s\n' "${DFTOOLS_ENTRY[*]}" > "$archive.cmd.$$.tmp" && mv -f "$archive.cmd.$$.tmp" "$archive.cmd"
      mv -f "$made" "$archive"
    fi
  fi
  if [ -f "$archive" ]; then
    DFTOOLS_JAVA_OPTS+=(-XX:SharedArchiveFile="$archive")
  fi
}

# dftools_train JVM_OPTION SAMPLE_ARGS...: one run of the tool on its sample. It reads what
# DFTOOLS_TRAINING_INPUT (a function) prints, else nothing: never the caller's stdin, which may be
# an editor's protocol stream.
dftools_train() {
  local option=$1
  shift
  if [ -n "${DFTOOLS_TRAINING_INPUT:-}" ]; then
    "$DFTOOLS_TRAINING_INPUT" | java "${DFTOOLS_JAVA_OPTS[@]}" "$option" "${DFTOOLS_ENTRY[@]}" "$@" \
      >/dev/null 2>&1 || true
  else
    java "${DFTOOLS_JAVA_OPTS[@]}" "$option" "${DFTOOLS_ENTRY[@]}" "$@" </dev/null >/dev/null 2>&1 || true
  fi
}
