#!/usr/bin/env bash
# Chaos benchmark (issue 20): the local stack with two instances of every service, on loopback only, while a seeded
# cohort is driven through the services' APIs with Idempotency-Keys and retries; meanwhile a random service instance is
# killed with SIGKILL every 20-40 s (the launcher restarts it), the broker restarts once and poison records land in a
# consumed topic. Prints acknowledged writes and those found, events published and distinct, alerts and plan changes
# expected, found and duplicated, dead letters by reason and the time to recover from each fault. It is ChaosTest
# with a bigger cohort and more kills; the kills stop when the traffic ends. Bounded by a timeout.
#   bench/chaos.sh [patients, default 200] [kills, default 15] [timeout in minutes, default 30] [seed, default 20]
# Exit status: 0 when every target held (no acknowledged write lost, nothing twice, poison dead-lettered).
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/jdk.sh
use_jdk_21_or_newer
patients=${1:-200}
kills=${2:-15}
minutes=${3:-30}
seed=${4:-20}
status=0
timeout --signal=TERM "${minutes}m" ./mvnw -B -q -pl local-stack -am verify -Dtest=ChaosTest \
  -Dsurefire.failIfNoSpecifiedTests=false -Djacoco.skip=true -Dspring-javaformat.skip=true -Dcheckstyle.skip=true \
  -Dstepwise.chaos.patients="$patients" -Dstepwise.chaos.kills="$kills" -Dstepwise.chaos.seed="$seed" \
  > local-stack/target/chaos.log 2>&1 || status=$?
report=local-stack/target/surefire-reports/org.stepwise.localstack.ChaosTest-output.txt
if [ -f "$report" ]; then
  sed -n '/^Chaos run:/,/max consumer lag/p' "$report"
fi
if [ "$status" -ne 0 ]; then
  echo "chaos.sh: a target was missed or the run did not finish (exit $status); see local-stack/target/chaos.log and $report" >&2
fi
exit "$status"
