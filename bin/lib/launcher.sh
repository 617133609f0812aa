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
  dftools_java_setup
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
  command -v "$DFTOOLS_JAVA_BIN" >/dev/null 2>&1 || dftools_fail "dftools: Java 17 or newer is needed (no '$DFTOOLS_JAVA_BIN'); install e.g. openjdk-17-jdk."
  DFTOOLS_JAR="$jar"
}

# Which java runs the tools: DFTOOLS_JAVA when set; else the newest JDK 25 or later found in
# JAVA_HOME or /usr/lib/jvm, whose AOT cache (JEP 483/514) holds classes already loaded and linked
# (a cold one-file dflint run took ~0.6x the time of JDK 17 with AppCDS, docs/benchmarks.md);
# else 'java' on PATH (17 or later). Read from each JDK's 'release' file with builtins: no process.

# dftools_java_feature JAVA_HOME_DIR: sets dftools_feature to its feature release (17, 25, ...), 0 if unknown
dftools_java_feature() {
  local key value
  dftools_feature=0
  [ -f "$1/release" ] || return 0
  while IFS='=' read -r key value; do
    if [ "$key" = JAVA_VERSION ]; then
      value=${value//\"/}
      value=${value%%.*}
      case $value in '' | *[!0-9]*) ;; *) dftools_feature=$value ;; esac
      return 0
    fi
  done < "$1/release"
}

dftools_pick_java() {
  DFTOOLS_JAVA_BIN=java
  DFTOOLS_JAVA_AOT=""
  local home feature=0
  if [ -n "${DFTOOLS_JAVA:-}" ]; then
    DFTOOLS_JAVA_BIN=$DFTOOLS_JAVA
    dftools_java_feature "${DFTOOLS_JAVA%/bin/java}"
    feature=$dftools_feature
  elif [ "${DFTOOLS_ARCHIVE_KIND:-}" != static ]; then   # a static AppCDS archive: 'java' from PATH
    for home in ${JAVA_HOME:+"$JAVA_HOME"} /usr/lib/jvm/*; do
      [ -x "$home/bin/java" ] || continue
      dftools_java_feature "$home"
      if [ "$dftools_feature" -ge 25 ] && [ "$dftools_feature" -gt "$feature" ]; then
        feature=$dftools_feature
        DFTOOLS_JAVA_BIN="$home/bin/java"
      fi
    done
  fi
  if [ "$feature" -ge 25 ] && [ "${DFTOOLS_ARCHIVE_KIND:-}" != static ]; then
    DFTOOLS_JAVA_AOT=yes
  fi
}

# dftools_java_setup: picks the java (above) and its options. Called by dftools_ensure_jar, after
# the launcher has set DFTOOLS_ARCHIVE_KIND (static: dfsim, whose picocli classes are Java 5 class
# files, which JDK 25's AOT cache leaves out and only a static AppCDS archive holds).
# Short-lived CLI processes start faster with the client compiler and a small GC.
# An archive that does not match (e.g. the checkout moved) is not used; the JVM's warning about it
# would go to standard output, into the tool's report, so it is turned off.
# -XX:-UsePerfData: no hsperfdata file in /tmp per run (a few ms, and nothing left on the host).
# (-Xshare:auto, the default, is not spelled out for an AOT cache: it stops the cache being made.)
dftools_java_setup() {
  dftools_pick_java
  DFTOOLS_JAVA_OPTS=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData)
  if [ -n "$DFTOOLS_JAVA_AOT" ]; then
    DFTOOLS_JAVA_OPTS+=(-Xlog:aot=off,cds=off)   # a JDK 17 would reject the aot tag
  else
    DFTOOLS_JAVA_OPTS+=(-Xshare:auto -Xlog:cds=off,cds+dynamic=off)
  fi
}

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
# Start-up is mostly class loading: an archive made once per jar (by running the tool on a sample)
# lets later runs map the classes instead of loading them. On JDK 25+ it is an AOT cache (classes
# also linked, and the sample's method profiles), else a dynamic AppCDS archive. Falls back silently.
# The archive is only valid for the java, JVM options and command line it was made with, so they are kept beside
# it (read with the builtin 'read': no process is started on the common path).
# DFTOOLS_ARCHIVE_VARIANT: a suffix a launcher sets for a different environment of the same tool
# (dflint: whether ShellCheck is on PATH, which loads another set of classes)
dftools_archive_path() {
  local base="${DFTOOLS_JAR%.jar}${DFTOOLS_ARCHIVE_VARIANT:-}"
  if [ -n "$DFTOOLS_JAVA_AOT" ]; then DFTOOLS_ARCHIVE="$base.aot"; else DFTOOLS_ARCHIVE="$base.jsa"; fi
}

# dftools_archive_key: what an archive is made for, kept in ARCHIVE.cmd: the java, its options and
# the training run's, and the command line (a launcher's new JVM option makes a new archive)
dftools_archive_key() {
  local key=("$DFTOOLS_JAVA_BIN" "${DFTOOLS_JAVA_OPTS[@]}" ${DFTOOLS_TRAINING_OPTS[@]+"${DFTOOLS_TRAINING_OPTS[@]}"} "${DFTOOLS_ENTRY[@]}")
  printf '%s\n' "${key[*]}"
}

# dftools_archive_stale: true when the archive is missing, older than the jar, or made for another
# java, options or command line (a launcher with an expensive sample sets it up only then)
dftools_archive_stale() {
  local made_for=""
  dftools_archive_path
  local archive=$DFTOOLS_ARCHIVE
  dftools_entry
  [ -f "$archive.cmd" ] && read -r made_for < "$archive.cmd"
  # the command line file carries the jar's modification time (touch -r): any other time means
  # another jar (JDK 25.0.3 does not itself reject an AOT cache made for a changed jar: JDK-8377932)
  [ ! -f "$archive" ] || [ "$DFTOOLS_JAR" -nt "$archive.cmd" ] || [ "$DFTOOLS_JAR" -ot "$archive.cmd" ] \
    || [ "$made_for" != "$(dftools_archive_key)" ]
}

dftools_class_data_sharing() {
  local stale=""
  dftools_archive_stale && stale=yes   # also sets DFTOOLS_ARCHIVE and DFTOOLS_ENTRY
  local archive=$DFTOOLS_ARCHIVE
  if [ -n "$stale" ]; then
    # made under a temporary name and renamed into place: the JVM maps the archive, and a
    # half-written one (two first runs at once) would crash a concurrent run with SIGBUS
    local made="$archive.$$.tmp"
    if [ -n "$DFTOOLS_JAVA_AOT" ]; then
      # the training run writes its configuration, then a second JVM assembles the cache
      dftools_train -XX:AOTCacheOutput="$made" "$@"
      rm -f "$made.config"
    elif [ "${DFTOOLS_ARCHIVE_KIND:-dynamic}" = static ]; then
      # a static archive (the JDK's classes and the tool's, from the sample's class list) also
      # holds Java 5 class files, which JDK 17's dynamic archives skip: picocli's, for dfsim
      dftools_train -XX:DumpLoadedClassList="$made.classlist" "$@"
      [ -s "$made.classlist" ] && "$DFTOOLS_JAVA_BIN" -XX:+UseSerialGC -Xshare:dump -XX:SharedClassListFile="$made.classlist" \
        -XX:SharedArchiveFile="$made" -cp "$DFTOOLS_JAR" >/dev/null 2>&1
      rm -f "$made.classlist"
    else
      dftools_train -XX:ArchiveClassesAtExit="$made" "$@"
    fi
    if [ -f "$made" ]; then
      dftools_archive_key > "$archive.cmd.$$.tmp" \
        && touch -r "$DFTOOLS_JAR" "$archive.cmd.$$.tmp" && mv -f "$archive.cmd.$$.tmp" "$archive.cmd"
      mv -f "$made" "$archive"
    fi
  fi
  if [ -f "$archive" ]; then
    if [ -n "$DFTOOLS_JAVA_AOT" ]; then
      DFTOOLS_JAVA_OPTS+=(-XX:AOTCache="$archive")
    else
      DFTOOLS_JAVA_OPTS+=(-XX:SharedArchiveFile="$archive")
    fi
  fi
}

# dftools_train JVM_OPTION SAMPLE_ARGS...: one run of the tool on its sample. It reads what
# DFTOOLS_TRAINING_INPUT (a function) prints, else nothing: never the caller's stdin, which may be
# an editor's protocol stream. DFTOOLS_TRAINING_OPTS: JVM options for this run only.
dftools_train() {
  local option=$1
  shift
  local opts=("${DFTOOLS_JAVA_OPTS[@]}" ${DFTOOLS_TRAINING_OPTS[@]+"${DFTOOLS_TRAINING_OPTS[@]}"} "$option")
  if [ -n "${DFTOOLS_TRAINING_INPUT:-}" ]; then
    "$DFTOOLS_TRAINING_INPUT" | "$DFTOOLS_JAVA_BIN" "${opts[@]}" "${DFTOOLS_ENTRY[@]}" "$@" >/dev/null 2>&1 || true
  else
    "$DFTOOLS_JAVA_BIN" "${opts[@]}" "${DFTOOLS_ENTRY[@]}" "$@" </dev/null >/dev/null 2>&1 || true
  fi
}

# dftools_exec ARGS...: replaces the shell with the tool's JVM. DFTOOLS_SHOW_COMMAND=1 prints the
# command instead (one line, for benchmarks and bug reports).
dftools_exec() {
  if [ -n "${DFTOOLS_SHOW_COMMAND:-}" ]; then
    printf '%s\n' "$DFTOOLS_JAVA_BIN ${DFTOOLS_JAVA_OPTS[*]} ${DFTOOLS_ENTRY[*]} $*"
    exit 0
  fi
  exec "$DFTOOLS_JAVA_BIN" "${DFTOOLS_JAVA_OPTS[@]}" "${DFTOOLS_ENTRY[@]}" "$@"
}
