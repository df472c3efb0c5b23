#!/usr/bin/env bash
# Codec benchmark: what every consumer pays to read an event (JSON, CloudEvents attributes, JSON Schema
# validation, the record), beside a bare JSON parse of the same bytes measured in the same run.
#   bench/codec.sh [events per round, default 50000] [rounds, default 5]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/simulator-tool.sh
run_simulator_tool org.stepwise.simulator.bench.CodecBench 512m -- "$@"
