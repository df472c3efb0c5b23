#!/usr/bin/env bash
# The early warning's offline evaluation (issue 17): simulated cohorts, one per seed, each patient replayed day by day
# through plan-service's own domain code (plan-domain) in process, no stack; tuning seeds apart from held-out seeds.
# Prints auROC (use within 1/3/7 days), the threshold table, lead times, false alerts, calibration and subgroups,
# beside the rules-only baseline of the same run, and writes an HTML report.
#   bench/early-warning.sh [--patients 1000] [--tuning-seeds 101,102] [--held-out-seeds 201,202,203]
#                          [--model FILE] [--html FILE] [--fit]      (--help lists every option)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/simulator-tool.sh
run_simulator_tool org.stepwise.simulator.earlywarning.EarlyWarningMain 3g -XX:+UseParallelGC -- "$@"
