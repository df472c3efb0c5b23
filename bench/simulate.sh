#!/usr/bin/env bash
# Plays a synthetic cohort against a running Stepwise (./stepwise --demo-accounts: it signs in with the demo
# accounts), a history ending yesterday.
#   bench/simulate.sh [--seed 42] [--patients 20] [--weeks 12] [--base-urls A,B[,P]] [--token-url URL]
#                     [--truth-out run.json] [--dry-run]   (--help lists every option)
# Then the rule-quality report of that run:
#   bench/simulate.sh report --run run.json [--alerts-url http://127.0.0.1:8084] [--html report.html]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/simulator-tool.sh
main=org.stepwise.simulator.SimulatorMain
if [ "${1:-}" = "report" ]; then
  shift
  main=org.stepwise.simulator.report.ReportMain
fi
run_simulator_tool "$main" 512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -- "$@"
