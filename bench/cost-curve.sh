#!/usr/bin/env bash
# Cost curve (issue 19, item 6): one synthetic patient, 365 days of daily data (a check-in a day, four sessions with
# attendance a week, PHQ-9 and GAD-7 every two weeks, a BAM every four), each event through plan-service's own
# consumer path (ProgressProjector -> Evaluations -> PatientStore) against the embedded MongoDB wire-protocol server.
# Prints the per-event processing cost (median of the last 7 days' events) and the stored patient document's BSON
# size at day 7, 30, 90 and 365. Both must stay flat: cost at day 365 within 1.5x of day 7, hot state <= 8 KB.
#   bench/cost-curve.sh
# Runs plan-service's opt-in CostCurveTest with the full JIT (the test build stops at C1); the table is also written
# to plan-service/target/cost-curve.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/jdk.sh
use_jdk_21_or_newer
jvm_args="-XX:+UseParallelGC -Xmx1g"
if [ "$(java_major "$JAVA_HOME")" -ge 24 ]; then
  jvm_args="$jvm_args --sun-misc-unsafe-memory-access=allow"
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
fi
rm -f plan-service/target/cost-curve.txt
./mvnw -B -q -pl plan-service -am verify -Dtest=CostCurveTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Djacoco.skip=true -Dspring-javaformat.skip=true -Dstepwise.cost-curve=true "-Dsurefire.jvm.args=$jvm_args" \
  -Dstepwise.test.infra=embedded
cat plan-service/target/cost-curve.txt
