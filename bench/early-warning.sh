#!/usr/bin/env bash
# The early warning's offline evaluation (issue 17): simulated cohorts, one per seed, each patient replayed day by day
# through plan-service's own domain code (plan-domain) in process, no stack; tuning seeds apart from held-out seeds.
# Prints auROC (use within 1/3/7 days), the threshold table, lead times, false alerts, calibration and subgroups,
# beside the rules-only baseline of the same run, and writes an HTML report.
#   bench/early-warning.sh [--patients 1000] [--tuning-seeds 101,102] [--held-out-seeds 201,202,203]
#                          [--model FILE] [--html FILE] [--fit]      (--help lists every option)
# The parity check: the first patients of one seed's cohort through a running stack, their relapse-risk alerts
# compared day by day with the offline path's (exit status 1 on any difference), against a fresh stack started as
#   STEPWISE_CLINICAL_TIME=events STEPWISE_PLAN_EVALUATION_INTERVAL=200ms ./stepwise --demo-accounts
#   bench/early-warning.sh parity [--seed 201] [--patients 1000] [--weeks 12] [--sample 20]   (--help lists more)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/simulator-tool.sh
if [ "${1:-}" = "parity" ]; then
  shift
  run_simulator_tool org.stepwise.simulator.earlywarning.ParityCheck 512m -XX:+UseSerialGC -- "$@"
fi
run_simulator_tool org.stepwise.simulator.earlywarning.EarlyWarningMain 3g -XX:+UseParallelGC -- "$@"
