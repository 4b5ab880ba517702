#!/usr/bin/env bash
# Failover time on loopback: from kill -9 of the node serving the demo service to the service
# answering from another node, with fencing on (fence_vigil), over TRIALS trials (default 10).
#
#   bench/failover-loopback.sh [TRIALS]
#
# It runs `bin/vigil demo` (three daemons on 127.0.0.1-3, the service on 127.0.0.50), and for
# each trial: asks the service which node serves it, kills that node's daemon with SIGKILL,
# polls the service every 10 ms until another node answers, then waits until the demo has
# started the killed node again and the cluster has all its nodes, before the next trial.
# Prints each trial, then the median, p90 and max. Kills only the processes it started.
set -euo pipefail
cd "$(dirname "$0")/.."
trials=${1:-10}
[ "$trials" -ge 1 ] 2>/dev/null || { echo "usage: $0 [TRIALS]" >&2; exit 2; }
command -v curl >/dev/null || { echo "$0 needs curl" >&2; exit 1; }
[ -d vigil-app/target/lib ] || scripts/build >&2

work=$(mktemp -d)
out="$work/demo.out"
demo_pid=
cleanup() {
    if [ -n "$demo_pid" ] && kill -0 "$demo_pid" 2>/dev/null; then
        kill -TERM "$demo_pid" 2>/dev/null || true     # the demo removes its cluster on SIGTERM
        for _ in $(seq 1 100); do kill -0 "$demo_pid" 2>/dev/null || break; sleep 0.1; done
    fi
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

bin/vigil demo --reboot-after 1 >"$out" 2>&1 &
demo_pid=$!

wait_for() {   # wait_for SECONDS COMMAND...: polls every 0.1 s
    local limit=$1; shift
    for _ in $(seq 1 $((limit * 10))); do
        if "$@"; then return 0; fi
        kill -0 "$demo_pid" 2>/dev/null || { echo "the demo exited:" >&2; cat "$out" >&2; exit 1; }
        sleep 0.1
    done
    echo "timed out after ${limit}s waiting for: $*" >&2; tail -20 "$out" >&2; exit 1
}
has_service() { grep -q '^service ' "$out"; }
wait_for 120 has_service
url=$(grep '^service ' "$out" | head -1 | awk '{print $2}')
nodes=$(grep -c '^node ' "$out")

pid_of() { grep "^node $1 pid " "$out" | tail -1 | awk '{print $4}'; }
all_members() { tail -n 50 "$out" | grep 'membership:' | tail -1 | grep -q "$(printf 'node%s ' $(seq 1 "$nodes") | sed 's/ $//'), DC"; }
answers_other() { local a; a=$(curl -s -m 0.2 "$url" 2>/dev/null || true); [ -n "$a" ] && [ "$a" != "$1" ]; }

echo "failover on loopback: kill -9 of the serving node until $url answers from another node"
times=()
for t in $(seq 1 "$trials"); do
    wait_for 60 all_members
    sleep 2   # let the cluster settle (monitors running, nothing moving)
    victim=$(curl -s -m 1 "$url")
    pid=$(pid_of "$victim")
    dc=$(tail -n 50 "$out" | grep 'membership:' | tail -1 | sed 's/.*DC //')
    start=$(date +%s%N)
    kill -9 "$pid"
    until answers_other "$victim"; do sleep 0.01; done
    end=$(date +%s%N)
    ms=$(( (end - start) / 1000000 ))
    times+=("$ms")
    echo "trial $t: killed $victim (pid $pid$([ "$victim" = "$dc" ] && echo ', the DC')) -> $(curl -s -m 1 "$url") answers after ${ms} ms"
    restarted() { [ "$(pid_of "$victim")" != "$pid" ]; }
    wait_for 60 restarted
done

sorted=($(printf '%s\n' "${times[@]}" | sort -n))
n=${#sorted[@]}
median=${sorted[$(( (n - 1) / 2 ))]}
if [ $((n % 2)) -eq 0 ]; then median=$(( (sorted[n / 2 - 1] + sorted[n / 2]) / 2 )); fi
p90=${sorted[$(( (n * 9 + 9) / 10 - 1 ))]}
max=${sorted[$((n - 1))]}
echo "failover over $n trials (fencing on): median ${median} ms, p90 ${p90} ms, max ${max} ms"
