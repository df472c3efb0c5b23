#!/usr/bin/env bash
# Replay benchmark: load N realistic events into the input topics, then measure a plain
# KafkaConsumer reading them from offset 0 and a plain consume->produce pipe (events/s).
#   bench/replay.sh [--bootstrap 127.0.0.1:9092] [--events 1000000] [--seed 42] [--mode all]
# Modes: all (load, consume, pipe), load, consume, pipe, reset-group --group G,
#        catchup --group plan-service (poll the group's committed offsets until they reach the
#        end offsets, then a plain consumer, and print the ratio).
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
exec "$JAVA_HOME/bin/java" $unsafe_ok --enable-native-access=ALL-UNNAMED -Xmx1g -XX:+UseParallelGC \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "simulator/target/classes:simulator/target/lib/*" org.stepwise.simulator.bench.ReplayBench "$@"
