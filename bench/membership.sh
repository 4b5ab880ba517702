#!/usr/bin/env bash
# Membership benchmark: three daemons on loopback (127.0.0.1-3, one port), default settings.
# Measures, over TRIALS trials each (default 10):
#   kill -9 of a member  -> the new view installed on both survivors
#   SIGSTOP of a member  -> the new view installed on both survivors (a hang: heartbeats stop)
# and the idle RSS and CPU% of one daemon. Times come from the survivors' log lines (timestamp:
# hires, milliseconds), so no client sits in the measured path.
#
# Usage: bench/membership.sh [TRIALS]        (builds first if vigil-app/target/lib is missing)
# The daemons run with bin/vigil's daemon JVM flags (see bin/vigil, VIGIL_DAEMON_JAVA_OPTS).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
trials=${1:-10}
idle_seconds=${IDLE_SECONDS:-20}
[ -d "$here/vigil-app/target/lib" ] || "$here/scripts/build" >&2
vigil="$here/bin/vigil"

work=$(mktemp -d /tmp/vigil-bench-XXXXXX)
declare -A pid=()
cleanup() {
    for n in "${!pid[@]}"; do
        kill -CONT "${pid[$n]}" 2>/dev/null || true
        kill -KILL "${pid[$n]}" 2>/dev/null || true
    done
    for n in "${!pid[@]}"; do
        gone "${pid[$n]}" || true
    done
    rm -rf "$work"
}
trap cleanup EXIT

port=$(python3 - <<'PY'
import random, socket
for _ in range(100):
    p = random.randint(7800, 7999)
    try:
        ss = []
        for i in (1, 2, 3):
            s = socket.socket(); s.bind(("127.0.0.%d" % i, p)); ss.append(s)
        for s in ss: s.close()
        print(p); break
    except OSError:
        for s in ss: s.close()
PY
)
"$vigil" keygen --output "$work/authkey" >/dev/null
cat > "$work/vigil.conf" <<CONF
totem {
    version: 2
    cluster_name: bench
    keyfile: authkey
    interface {
        linknumber: 0
        mcastport: $port
    }
}
nodelist {
$(for i in 1 2 3; do printf '    node {\n        name: node%d\n        nodeid: %d\n        ring0_addr: 127.0.0.%d\n    }\n' $i $i $i; done)
}
quorum {
    provider: corosync_votequorum
}
logging {
    to_stderr: yes
    timestamp: hires
}
CONF

start() { # start NODE: runs the daemon in the background, records its PID (bin/vigil execs java)
    local n=$1
    mkdir -p "$work/$n"
    "$vigil" daemon --config "$work/vigil.conf" --name "$n" --state-dir "$work/$n/state" \
        --socket "$work/$n/run/vigil.sock" >>"$work/$n.log" 2>&1 &
    pid[$n]=$!
    disown "${pid[$n]}" # its kill -9 is the point, not news: no "Killed" line from the shell
}

gone() { # gone PID: waits (at most 10 s) until the process has exited
    local i
    for i in $(seq 500); do
        kill -0 "$1" 2>/dev/null || return 0
        sleep 0.02
    done
    return 1
}

ms_of() { # ms_of "2026-11-22 06:03:31.433" -> milliseconds since the epoch
    date -d "$1" +%s%3N
}

now_ms() { date +%s%3N; }

# wait_for LOGFILE SINCE_LINE PATTERN TIMEOUT_S: prints the first matching line after SINCE_LINE
wait_for() {
    local file=$1 since=$2 pattern=$3 timeout=$4 deadline line
    deadline=$(( $(now_ms) + timeout * 1000 ))
    while [ "$(now_ms)" -lt "$deadline" ]; do
        line=$(tail -n +"$((since + 1))" "$file" | grep -m1 -E "$pattern" || true)
        if [ -n "$line" ]; then
            echo "$line"
            return 0
        fi
        sleep 0.02
    done
    echo "timed out waiting for /$pattern/ in $file" >&2
    return 1
}

lines() { wc -l <"$1"; }

start node1; start node2; start node3
for n in node1 node2 node3; do
    wait_for "$work/$n.log" 0 "view [0-9]+: .*node.*node.*node" 60 >/dev/null || exit 1
done
sleep 2

# trial kill|stop: sets $result to the ms from the signal to the later survivor's new view.
# (Not run in a subshell: it restarts node3 and must record the new PID.)
trial() {
    local how=$1 s1 s2 t0 l1 l2 ms1 ms2
    s1=$(lines "$work/node1.log"); s2=$(lines "$work/node2.log")
    t0=$(now_ms)
    if [ "$how" = kill ]; then kill -KILL "${pid[node3]}"; else kill -STOP "${pid[node3]}"; fi
    l1=$(wait_for "$work/node1.log" "$s1" "view [0-9]+: .*left node3" 20) || exit 1
    l2=$(wait_for "$work/node2.log" "$s2" "view [0-9]+: .*left node3" 20) || exit 1
    ms1=$(( $(ms_of "$(cut -c1-23 <<<"$l1")") - t0 ))
    ms2=$(( $(ms_of "$(cut -c1-23 <<<"$l2")") - t0 ))
    kill -KILL "${pid[node3]}" 2>/dev/null || true
    gone "${pid[node3]}"
    result=$(( ms1 > ms2 ? ms1 : ms2 ))
    # Bring node3 back and let the cluster settle before the next trial.
    s1=$(lines "$work/node1.log")
    start node3
    wait_for "$work/node1.log" "$s1" "view [0-9]+: .*joined node3" 60 >/dev/null || exit 1
    sleep 1.5
}

stats() { # stats NAME VALUES...: median and p90 (nearest rank)
    local name=$1; shift
    printf '%s\n' "$@" | sort -n | awk -v name="$name" '
        { v[NR] = $1 }
        END {
            med = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
            p90 = v[int(0.9 * NR + 0.999999)]
            printf "%-34s median %5d ms   p90 %5d ms   min %5d   max %5d   (n=%d)\n", name, med, p90, v[1], v[NR], NR
        }'
}

echo "membership benchmark: 3 daemons on 127.0.0.1-3:$port, $trials trials each; JVM: ${VIGIL_DAEMON_JAVA_OPTS:-the defaults of bin/vigil daemon}" >&2
kills=(); hangs=()
for i in $(seq "$trials"); do
    trial kill; kills+=("$result")
    trial stop; hangs+=("$result")
    echo "  trial $i: kill -9 ${kills[-1]} ms, SIGSTOP ${hangs[-1]} ms" >&2
done

# Idle: every node up and quiet; measure node1.
sleep 3
p=${pid[node1]}
clk=$(getconf CLK_TCK)
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
c0=$(cpu_ticks "$p"); t0=$(now_ms)
sleep "$idle_seconds"
c1=$(cpu_ticks "$p"); t1=$(now_ms)
rss_kb=$(awk '/^VmRSS:/ { print $2 }' "/proc/$p/status")
cpu=$(awk -v d=$((c1 - c0)) -v hz="$clk" -v ms=$((t1 - t0)) 'BEGIN { printf "%.2f", 100 * d / hz / (ms / 1000) }')

echo
echo "Vigil membership benchmark ($(nproc) cores, $(java -version 2>&1 | head -1))"
stats "kill -9 -> new view on survivors" "${kills[@]}"
stats "SIGSTOP -> new view on survivors" "${hangs[@]}"
printf '%-34s %d MB RSS, %s%% of one core (over %d s)\n' "idle daemon (node1)" $((rss_kb / 1024)) "$cpu" "$idle_seconds"
