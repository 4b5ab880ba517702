#!/usr/bin/env bash
# Failover of a virtual IP + web service in network namespaces: Vigil, keepalived and
# Corosync 3 + Pacemaker 2 side by side, same 3-node topology (scripts/netns), same faults, same
# prober (a new TCP connection + HTTP GET to the VIP every 10 ms from the client namespace).
#
#   bench/failover-netns.sh [TRIALS]        (default 20 per stack and fault; needs root)
#
# Faults, each timed from injection to the first answer from another node:
#   kill9     kill -9 every process of the serving node (its kernel, i.e. its namespace, stays)
#   linkdown  the serving node's cable is pulled (its bridge port goes down)
# Vigil runs with fencing on (fence_netns powers the lost node off) and its defaults (token
# 1000 ms); keepalived with its defaults (VRRPv2, advert_int 1); Corosync + Pacemaker with their
# defaults (token 3000 ms + 650 ms per node above 2, consensus 1.2 x token), no fencing device.
# Also the idle RSS and CPU % per node's daemons (30 s). Prints the table, the ratios, and last
# `crash-median-ms=N link-cut-median-ms=M` (Vigil's figures). Knobs: STACKS (default
# "vigil keepalived pacemaker"), FOOTPRINT_SECONDS (30), BENCH_DIR (a new /tmp directory).
# Everything it creates has a name prefix unique to the run and is removed on exit.
set -uo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
trials=${1:-20}
[ "$trials" -ge 1 ] 2>/dev/null || { echo "usage: $0 [TRIALS]" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "$0: must run as root (network namespaces)" >&2; exit 1; }
stacks=${STACKS:-vigil keepalived pacemaker}
fp_seconds=${FOOTPRINT_SECONDS:-30}
run=${BENCH_DIR:-$(mktemp -d /tmp/vigil-netns-bench-XXXXXX)}
mkdir -p "$run"
tag=$(printf '%04x' $(( $$ % 65536 )))
netns=scripts/netns
scripts/setup-deps >&2 || exit 1
[ -d vigil-app/target/lib ] || scripts/build >&2

vstate=$run/vigil
cleanup() {
    [ -f "$vstate/topology.json" ] && python3 $netns/vigilnet.py down --state "$vstate"
    HAB_PREFIX=vk$tag HAB_STATE=$run/keepalived bash $netns/keepalived-bench.sh teardown >/dev/null 2>&1
    HAB_PREFIX=vp$tag HAB_STATE=$run/pacemaker bash $netns/pacemaker-bench.sh teardown >/dev/null 2>&1
}
trap cleanup EXIT
trap 'exit 130' INT TERM

bench_vigil() {
    local prefix=vg$tag mode
    python3 $netns/vigilnet.py up --state "$vstate" --prefix "$prefix" >/dev/null || return 1
    python3 $netns/vigilnet.py configure --state "$vstate" || return 1
    mkdir -p "$vstate/results"
    for mode in kill9 linkdown; do
        VIGILNET_STATE=$vstate python3 $netns/failover.py run --hook "$repo/$netns/vigil-hook.sh" --label vigil \
            --mode $mode --trials "$trials" --client-ns "$prefix-c" --vip 198.18.0.50 --probe $netns/probe.py \
            --out "$vstate/results/vigil-$mode.jsonl" --stable 2 --max-seconds 1800
    done
    if [ "$fp_seconds" -gt 0 ]; then
        sleep 3
        local node pid fps=()
        while read -r node pid; do
            python3 $netns/footprint.py --regex '^java$' --seconds "$fp_seconds" --label "$node" "$pid" \
                > "$vstate/results/.fp.$node" &
            fps+=($!)
        done < <(python3 $netns/vigilnet.py daemon-pids --state "$vstate")
        wait "${fps[@]}"
        cat "$vstate/results"/.fp.* > "$vstate/results/vigil-footprint.jsonl"; rm -f "$vstate/results"/.fp.*
    fi
    python3 $netns/vigilnet.py down --state "$vstate"
}

for s in $stacks; do
    echo "=== $s" >&2
    case $s in
        vigil) bench_vigil ;;
        keepalived) HAB_PREFIX=vk$tag HAB_STATE=$run/keepalived CONFIGS=default MODES="kill9 linkdown" \
                        TRIALS=$trials FOOTPRINT_SECONDS=$fp_seconds bash $netns/keepalived-bench.sh ;;
        pacemaker) HAB_PREFIX=vp$tag HAB_STATE=$run/pacemaker CONFIGS=default SCENARIOS="kill9:any linkdown:any" \
                       TRIALS=$trials FOOTPRINT_SECONDS=$fp_seconds bash $netns/pacemaker-bench.sh ;;
        *) echo "$0: unknown stack $s (vigil, keepalived, pacemaker)" >&2; exit 2 ;;
    esac
done
echo
echo "Failover in network namespaces, 3 nodes, $trials trials per stack and fault (results in $run)"
python3 $netns/compare.py "$run"
