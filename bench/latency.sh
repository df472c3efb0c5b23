#!/usr/bin/env bash
# Latency benchmark, two paths measured in one run of an open-loop load of check-ins and assessments POSTed
# to assessment-service (default 200/s for 60 s), each from the request's intended send time to its alert on
# alert-service's SSE stream (GET /api/v1/alerts/stream?programId=...), into HdrHistograms:
# - safety fast path: 5 % of the requests are PHQ-9s with item 9 = 2, each for a patient of its own, to
#   their SAFETY alert. Target (issue 8): p99 <= 100 ms at 200 events/s.
# - relapse path through plan-service: 5 % are check-ins reporting use, each for a patient of its own
#   primed before the load (at 50/s) with a check-in with use 2 days back, so plan-service sees two use
#   days and rates relapse risk HIGH: to their RELAPSE_RISK alert. Target: p99 <= 250 ms.
# Prints p50/p90/p99/max of both (and where the time goes, split at the alert's raisedAt), the achieved
# rate and the HTTP answers by status.
#   bench/latency.sh [--assessment-url http://127.0.0.1:8082] [--alerts-url http://127.0.0.1:8084]
#                    [--rate 200] [--duration 60] [--safety-fraction 0.05] [--relapse-fraction 0.05]
#                    [--token-url URL] [--stream-token-url URL --stream-client-id ID --stream-client-secret S]
# (--help lists every option; --relapse-fraction 0 leaves the relapse path out). Run it against a running
# stack started with the demo accounts it signs in with (./stepwise --demo-accounts).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/simulator-tool.sh
run_simulator_tool org.stepwise.simulator.bench.LatencyBench 512m -XX:+UseSerialGC -- "$@"
