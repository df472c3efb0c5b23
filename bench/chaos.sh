#!/usr/bin/env bash
# Chaos benchmark (issue 20): the local stack with two instances of every service, on loopback only. A seeded cohort
# is first driven through the services' APIs with no faults (the baseline), then, on a fresh stack, again with
# Idempotency-Keys and retries while: a random service instance is killed with SIGKILL every 20-40 s (the launcher
# restarts it), the broker restarts once, poison records of nine categories land in a consumed topic, and a tenth of
# the consumed records are delivered twice (half at once, half 2-6 s later: out of order). The traffic is paced so that
# it lasts until the last kill. Prints acknowledged writes and those found, events published and distinct, alerts and
# plan changes expected, found and duplicated, dead letters by reason, how long the poison held its partition up, the
# time to recover after each fault, the largest consumer lag, and how many patients ended as in the fault-free run.
# It is ChaosTest with a bigger cohort, more kills and the baseline. Bounded by a timeout.
#   bench/chaos.sh [patients, default 200] [kills, default 15] [timeout in minutes, default 45] [seed, default 20]
# Exit status: 0 when every target held (no acknowledged write lost, nothing twice, poison dead-lettered within 3 s,
# each part back within 60 s, every patient's final state as in the fault-free run).
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/jdk.sh
use_jdk_21_or_newer
patients=${1:-200}
kills=${2:-15}
minutes=${3:-45}
seed=${4:-20}
# a kill every 20-40 s after the last victim is back, which takes 10-35 s (the longer on a busy machine): the traffic
# outlasts the kills, which stop with it
traffic_seconds=$((kills * 60))
status=0
mkdir -p local-stack/target
timeout --signal=TERM "${minutes}m" ./mvnw -B -q -pl local-stack -am verify -Dtest=ChaosTest \
  -Dsurefire.failIfNoSpecifiedTests=false -Djacoco.skip=true -Dspring-javaformat.skip=true -Dcheckstyle.skip=true \
  -Dstepwise.chaos.patients="$patients" -Dstepwise.chaos.kills="$kills" -Dstepwise.chaos.seed="$seed" \
  -Dstepwise.chaos.baseline=true -Dstepwise.chaos.traffic-seconds="$traffic_seconds" \
  > local-stack/target/chaos.log 2>&1 || status=$?
report=local-stack/target/surefire-reports/org.stepwise.localstack.ChaosTest-output.txt
if [ -f "$report" ]; then
  sed -n '/^Chaos run:/,/^  final progress/p' "$report"
fi
if [ "$status" -ne 0 ]; then
  echo "chaos.sh: a target was missed or the run did not finish (exit $status); see local-stack/target/chaos.log and $report" >&2
fi
exit "$status"
