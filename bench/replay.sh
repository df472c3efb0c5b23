#!/usr/bin/env bash
# Replay benchmark: load N realistic events into the input topics, then measure a plain
# KafkaConsumer reading them from offset 0 and a plain consume->produce pipe (events/s).
#   bench/replay.sh [--bootstrap 127.0.0.1:9092] [--events 1000000] [--seed 42] [--mode all]
# Modes: all (load, consume, pipe), load, consume, pipe, reset-group --group G,
#        catchup --group plan-service (poll the group's committed offsets until they reach the
#        end offsets, then a plain consumer, and print the ratio).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/simulator-tool.sh
run_simulator_tool org.stepwise.simulator.bench.ReplayBench 1g -XX:+UseParallelGC -- "$@"
