# Sourced by the bench scripts: picks a JDK >= 21, builds the simulator module when its sources changed,
# and runs one of its tools:  run_simulator_tool <main class> <heap> [java options...] -- [tool arguments...]
. .ci/jdk.sh
use_jdk_21_or_newer
unsafe_ok=""
if [ "$(java_major "$JAVA_HOME")" -ge 24 ]; then
  unsafe_ok="--sun-misc-unsafe-memory-access=allow"
  export MAVEN_OPTS="${MAVEN_OPTS:-} $unsafe_ok"
fi
stamp=simulator/target/.built
if [ ! -f "$stamp" ] || [ -n "$(find pom.xml simulator/pom.xml simulator/src contracts/src plan-domain/src -newer "$stamp" -print -quit 2>/dev/null)" ]; then
  echo "Building the simulator..." >&2
  ./mvnw -q -B -DskipTests -Dspring-javaformat.skip=true -Djacoco.skip=true package -pl simulator -am
  touch "$stamp"
fi

run_simulator_tool() {
  local main="$1" heap="$2"
  shift 2
  local java_options=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do java_options+=("$1"); shift; done
  [ $# -gt 0 ] && shift
  exec "$JAVA_HOME/bin/java" $unsafe_ok --enable-native-access=ALL-UNNAMED "-Xmx$heap" \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=warn "${java_options[@]}" \
    -cp "simulator/target/classes:simulator/target/lib/*" "$main" "$@"
}
