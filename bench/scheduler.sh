#!/usr/bin/env bash
# Scheduler benchmark: our scheduler warm (in process) and as a whole `bin/vigil simulate`
# process, side by side with Pacemaker's crm_simulate, on generated clusters of growing size
# and on the largest inputs of Pacemaker's regression corpus. Prints medians in milliseconds.
#
# usage: bench/scheduler.sh            (CRM_TIMEOUT=seconds caps each crm_simulate run, default 900)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
CRM_TIMEOUT=${CRM_TIMEOUT:-900}
RUNS=${RUNS:-5}
export VIGIL_JAVA_OPTS="${VIGIL_JAVA_OPTS:--XX:+UseSerialGC -Xmx2g}"
if [ ! -d vigil-app/target/lib ]; then scripts/build; fi
if ! command -v crm_simulate >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then
        echo "installing pacemaker-cli-utils (crm_simulate) for the comparison..." >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pacemaker-cli-utils >/dev/null
    else
        echo "crm_simulate is missing (apt-get install pacemaker-cli-utils); comparing without it" >&2
    fi
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 bench/gen-cib.py --nodes 4 --groups 40 --clones 2 --primitives 20 >"$work/gen-small.xml"
python3 bench/gen-cib.py --nodes 8 --groups 100 --clones 4 --primitives 40 >"$work/gen-medium.xml"
python3 bench/gen-cib.py --nodes 16 --groups 350 --clones 10 --primitives 90 >"$work/gen-large.xml"
corpus=../shared/pacemaker-cts/xml
inputs=("$work/gen-small.xml" "$work/gen-medium.xml" "$work/gen-large.xml")
if [ -d "$corpus" ]; then
    for f in $(ls -S "$corpus"/*.xml | head -3); do inputs+=("$f"); done
fi

median() { sort -n | awk '{a[NR]=$1} END {if (NR == 0) print "-"; else print a[int((NR+1)/2)]}'; }
ms_of() { # ms_of COMMAND... -> elapsed ms, or "timeout"
    local t0 t1
    t0=$(date +%s%N)
    if timeout "$CRM_TIMEOUT" "$@" >/dev/null 2>&1; then
        t1=$(date +%s%N); echo $(( (t1 - t0) / 1000000 ))
    else
        echo timeout
    fi
}

printf '%-34s %9s %13s %13s %15s %9s\n' input primitives vigil-warm vigil-process crm_simulate ratio
for f in "${inputs[@]}"; do
    name=$(basename "$f" .xml)
    prims=$(grep -c '<primitive ' "$f" || true)
    warm=$(bin/vigil simulate -x "$f" --repeat "$((RUNS * 3))" | sed -E 's/.*median ([0-9.]+) ms.*/\1/')
    proc=$(for i in $(seq "$RUNS"); do ms_of bin/vigil simulate -x "$f"; done | median)
    crm="-"
    if command -v crm_simulate >/dev/null 2>&1; then
        n=$RUNS
        [ "$prims" -gt 1000 ] && n=1
        crm=$(for i in $(seq "$n"); do CIB_shadow_dir=$work LC_ALL=C ms_of crm_simulate -x "$f" -S; done | { grep -v timeout || true; } | median)  # every run may time out
        [ "$crm" = "-" ] && crm=">${CRM_TIMEOUT}000"
    fi
    ratio="-"
    if [[ "$crm" =~ ^[0-9]+$ ]] && [[ "$proc" =~ ^[0-9]+$ ]] && [ "$proc" -gt 0 ]; then
        ratio=$(awk -v a="$crm" -v b="$proc" 'BEGIN {printf "%.1fx", a / b}')
    fi
    printf '%-34s %9s %10s ms %10s ms %12s ms %9s\n' "$name" "$prims" "$warm" "$proc" "$crm" "$ratio"
done
echo "(vigil-warm: median of in-process runs after warm-up; vigil-process and crm_simulate:"
echo " median wall time of whole runs printing the full simulation; ratio = crm_simulate / vigil-process)"
