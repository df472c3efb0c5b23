#!/usr/bin/env bash
# Plays a synthetic cohort against a running Stepwise (./stepwise), a history ending yesterday.
#   bench/simulate.sh [--seed 42] [--patients 20] [--weeks 12] [--base-urls A,B[,P]] [--token-url URL]
#                     [--truth-out run.json] [--dry-run]   (--help lists every option)
# Then the rule-quality report of that run:
#   bench/simulate.sh report --run run.json [--alerts-url http://127.0.0.1:8084] [--html report.html]
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/jdk.sh
use_jdk_21_or_newer
unsafe_ok=""
if [ "$(java_major "$JAVA_HOME")" -ge 24 ]; then
  unsafe_ok="--sun-misc-unsafe-memory-access=allow"
  export MAVEN_OPTS="${MAVEN_OPTS:-} $unsafe_ok"
fi
stamp=simulator/target/.built
if [ ! -f "$stamp" ] || [ -n "$(find pom.xml simulator/pom.xml simulator/src contracts/src -newer "$stamp" -print -quit 2>/dev/null)" ]; then
  echo "Building the simulator..." >&2
  ./mvnw -q -B -DskipTests -Dspring-javaformat.skip=true -Djacoco.skip=true package -pl simulator -am
  touch "$stamp"
fi
main=org.stepwise.simulator.SimulatorMain
if [ "${1:-}" = "report" ]; then
  shift
  main=org.stepwise.simulator.report.ReportMain
fi
exec "$JAVA_HOME/bin/java" $unsafe_ok -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
  -cp "simulator/target/classes:simulator/target/lib/*" "$main" "$@"
