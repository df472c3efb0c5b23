#!/usr/bin/env bash
# Latency benchmark: an open-loop load of check-ins and assessments POSTed to assessment-service
# (default 200/s for 60 s, 5 % of them PHQ-9s with item 9 = 2, each for a patient of its own), and an
# HdrHistogram of the time from each one's intended send time to its SAFETY alert on alert-service's
# SSE stream (GET /api/v1/alerts/stream?programId=...). Prints p50/p90/p99/max, the achieved rate and
# the HTTP answers by status. Target (issue 8): safety fast path p99 <= 100 ms at 200 events/s.
#   bench/latency.sh [--assessment-url http://127.0.0.1:8082] [--alerts-url http://127.0.0.1:8084]
#                    [--rate 200] [--duration 60] [--safety-fraction 0.05] [--token-url URL]
#                    [--stream-token-url URL --stream-client-id ID --stream-client-secret S]
# (--help lists every option). Run it against a running stack (./stepwise).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/simulator-tool.sh
run_simulator_tool org.stepwise.simulator.bench.LatencyBench 512m -XX:+UseSerialGC -- "$@"
