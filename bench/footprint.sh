#!/usr/bin/env bash
# Footprint benchmark: starts the local stack (./stepwise) on a fresh data directory, measures the
# time from the command to all services ready, then the resident memory of every process of the stack
# (the launcher JVM with the broker and the store, and its child JVMs), prints a table and the total,
# and stops the stack with SIGTERM. Targets (issue 8): all healthy <= 60 s, whole stack <= 2 GiB resident.
#   bench/footprint.sh [--data-dir /tmp/stepwise-footprint-XXXX] [--kafka-port 29092] [--mongo-port 47017]
#                      [--service-ports 28081,28082,28083,28084] [--settle 10] [--timeout 300]
# --settle: seconds to wait after "all ready" before reading the memory (JIT and first GCs settle).
# The build (if the sources changed) runs before the clock starts.
set -euo pipefail
cd "$(dirname "$0")/.."

data_dir=""
kafka_port=29092
mongo_port=47017
service_ports=28081,28082,28083,28084
settle=10
timeout=300
while [ $# -gt 0 ]; do
  case "$1" in
    --data-dir) data_dir="$2"; shift 2 ;;
    --kafka-port) kafka_port="$2"; shift 2 ;;
    --mongo-port) mongo_port="$2"; shift 2 ;;
    --service-ports) service_ports="$2"; shift 2 ;;
    --settle) settle="$2"; shift 2 ;;
    --timeout) timeout="$2"; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "Unexpected argument $1 (--help lists the options)" >&2; exit 2 ;;
  esac
done
own_dir=0
if [ -z "$data_dir" ]; then
  data_dir="$(mktemp -d /tmp/stepwise-footprint-XXXXXX)"
  own_dir=1
elif [ -e "$data_dir" ] && [ -n "$(ls -A "$data_dir" 2>/dev/null)" ]; then
  echo "$data_dir is not empty: the footprint is measured on a fresh data directory" >&2
  exit 2
fi
log="$(mktemp /tmp/stepwise-footprint-log-XXXXXX)"

# Build first (untimed): --help builds when needed, then only prints the usage (exit status 2).
./stepwise --help >"$log" 2>&1 || true
stamp=local-stack/target/lib/.built
if [ ! -f "$stamp" ] || [ -n "$(find pom.xml ./*/pom.xml ./*/src -newer "$stamp" -print -quit 2>/dev/null)" ]; then
  echo "The build failed:" >&2
  tail -n 30 "$log" >&2
  exit 1
fi

launcher=""
stop_stack() {
  if [ -n "$launcher" ] && kill -0 "$launcher" 2>/dev/null; then
    kill -TERM "$launcher" 2>/dev/null || true
    for _ in $(seq 1 120); do
      kill -0 "$launcher" 2>/dev/null || break
      sleep 0.5
    done
    if kill -0 "$launcher" 2>/dev/null; then
      echo "The launcher did not stop within 60 s of SIGTERM; killing it" >&2
      kill -KILL "$launcher" 2>/dev/null || true
    fi
  fi
}
cleanup() {
  stop_stack
  rm -f "$log"
  if [ "$own_dir" = 1 ]; then rm -rf "$data_dir"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

now() { date +%s.%N; }
IFS=, read -r -a ports <<<"$service_ports"

started=$(now)
./stepwise --data-dir "$data_dir" --kafka-port "$kafka_port" --mongo-port "$mongo_port" \
  --service-ports "$service_ports" --demo-accounts >"$log" 2>&1 &
launcher=$!   # ./stepwise execs the launcher JVM: this is its pid

ready_at=""
up_at=""
declare -A ready=()
while :; do
  if ! kill -0 "$launcher" 2>/dev/null; then
    echo "The stack exited during start:" >&2
    tail -n 30 "$log" >&2
    exit 1
  fi
  for port in "${ports[@]}"; do
    if [ -z "${ready[$port]:-}" ] && \
       [ "$(curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:$port/actuator/health/readiness")" = 200 ]; then
      ready[$port]=$(now)
    fi
  done
  if [ -z "$up_at" ] && grep -q "Stepwise is up" "$log"; then up_at=$(now); fi
  if [ "${#ready[@]}" -eq "${#ports[@]}" ]; then
    ready_at=$(now)
    break
  fi
  if awk -v s="$started" -v n="$(now)" -v t="$timeout" 'BEGIN { exit !(n - s > t) }'; then
    echo "Not all ready after $timeout s:" >&2
    tail -n 30 "$log" >&2
    exit 1
  fi
  sleep 0.25
done
for _ in $(seq 1 40); do
  [ -n "$up_at" ] && break
  if grep -q "Stepwise is up" "$log"; then up_at=$(now); break; fi
  sleep 0.25
done
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

echo "Stepwise footprint ($(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ))"
echo
echo "Start (fresh data directory, build excluded):"
for port in "${ports[@]}"; do
  printf "  port %-6s ready after %6s s\n" "$port" "$(secs "$started" "${ready[$port]}")"
done
printf "  all ready (own readiness polls)  %6s s   target <= 60 s\n" "$(secs "$started" "$ready_at")"
if [ -n "$up_at" ]; then
  printf "  launcher's \"Stepwise is up\"     %6s s   (launcher says: %s)\n" "$(secs "$started" "$up_at")" \
    "$(grep -o 'Stepwise is up ([0-9]* s)' "$log" | head -n 1)"
fi

sleep "$settle"

# The launcher and every descendant (the service JVMs), via the process tree.
descendants() {
  local child
  for child in $(pgrep -P "$1" || true); do
    echo "$child"
    descendants "$child"
  done
}
pids=("$launcher" $(descendants "$launcher"))
label() {
  local args
  args="$(tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null || true)"
  if [ "$1" = "$launcher" ]; then
    echo "launcher (Kafka broker + store)"
  elif [[ "$args" =~ ([a-z-]+-service)-[^/\ ]*-exec\.jar ]]; then
    echo "${BASH_REMATCH[1]}"
  else
    echo "${args:0:40}"
  fi
}
echo
echo "Memory ${settle} s after all ready (RSS counts shared pages in every process; PSS shares them out):"
printf "  %-34s %8s %10s %10s\n" "process" "pid" "RSS MiB" "PSS MiB"
total_rss=0
total_pss=0
for pid in "${pids[@]}"; do
  rss=$(ps -o rss= -p "$pid" 2>/dev/null | tr -d ' ' || true)
  [ -z "$rss" ] && continue
  pss=$(awk '/^Pss:/ { print $2 }' "/proc/$pid/smaps_rollup" 2>/dev/null || true)
  total_rss=$((total_rss + rss))
  if [ -n "$pss" ]; then total_pss=$((total_pss + pss)); fi
  printf "  %-34s %8s %10.1f %10s\n" "$(label "$pid")" "$pid" "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')" \
    "$( [ -n "$pss" ] && awk -v k="$pss" 'BEGIN { printf "%.1f", k / 1024 }' || echo -)"
done
printf "  %-34s %8s %10.1f %10.1f   target <= 2048 MiB resident\n" "total (${#pids[@]} processes)" "" \
  "$(awk -v k="$total_rss" 'BEGIN { print k / 1024 }')" "$(awk -v k="$total_pss" 'BEGIN { print k / 1024 }')"

stop_started=$(now)
stop_stack
left=""
for pid in "${pids[@]}"; do
  if kill -0 "$pid" 2>/dev/null; then left="$left $pid"; fi
done
echo
if [ -z "$left" ]; then
  echo "Stopped with SIGTERM in $(secs "$stop_started" "$(now)") s; no process of the stack left."
else
  echo "Still running after the launcher stopped:$left (killing them)" >&2
  for pid in $left; do kill -KILL "$pid" 2>/dev/null || true; done
  exit 1
fi
