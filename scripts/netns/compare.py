#!/usr/bin/env python3
"""Side-by-side summary of bench/failover-netns.sh: Vigil, keepalived and Corosync+Pacemaker,
same topology, same faults, same prober. Reads the result files of one run directory and
prints a table of failover times (median / p90 / max, ms from the fault to the first answer
from another node), the idle footprint per daemon, the ratios peer / Vigil of the medians, and
last the line `crash-median-ms=N link-cut-median-ms=M` (Vigil's figures).

    compare.py RUN_DIR"""
import glob
import json
import math
import os
import statistics
import sys

MODES = [("kill9", "crash (kill -9 every process)"), ("linkdown", "link cut (cable pulled)")]


def pct(vals, p):
    v = sorted(vals)
    return v[max(1, math.ceil(p / 100.0 * len(v))) - 1] if v else None


def load(pattern):
    rows = []
    for f in sorted(glob.glob(pattern)):
        with open(f) as fh:
            rows += [json.loads(x) for x in fh if x.strip()]
    return rows


def stats(rows):
    ok = [r["failover_ms"] for r in rows if r.get("ok")]
    if not ok:
        return None
    return {"n": len(rows), "fail": len(rows) - len(ok), "med": statistics.median(ok),
            "p90": pct(ok, 90), "max": max(ok)}


def footprint(pattern):
    rows = load(pattern)
    if not rows:
        return "-"
    rss = statistics.mean(r["rss_kb"] for r in rows) / 1024
    cpu = statistics.mean(r["cpu_pct"] for r in rows)
    return "%.0f MiB RSS, %.2f %% CPU" % (rss, cpu)


def main():
    d = sys.argv[1]
    stacks = [("vigil", "Vigil (fencing on)", "vigil/results/vigil-%s.jsonl", "vigil/results/vigil-footprint.jsonl"),
              ("keepalived", "keepalived 2 (VRRP, advert_int 1)", "keepalived/results/keepalived-default-%s.jsonl",
               "keepalived/results/keepalived-footprint-default.jsonl"),
              ("pacemaker", "Corosync 3 + Pacemaker 2 (defaults, no fencing)",
               "pacemaker/results/pacemaker-default-%s-any.jsonl",
               "pacemaker/results/pacemaker-footprint-default.jsonl")]
    table = {}
    print("| stack | fault | trials | failed | median ms | p90 ms | max ms |")
    print("|---|---|---|---|---|---|---|")
    for key, label, pat, _ in stacks:
        for mode, mlabel in MODES:
            st = stats(load(os.path.join(d, pat % mode)))
            table[(key, mode)] = st
            if st:
                print("| %s | %s | %d | %d | %.0f | %.0f | %.0f |" % (label, mlabel, st["n"], st["fail"], st["med"],
                                                                     st["p90"], st["max"]))
            else:
                print("| %s | %s | 0 | - | - | - | - |" % (label, mlabel))
    print()
    print("Idle footprint per node (mean over nodes; RSS and CPU %% of one core over %s s):" % os.environ.get("FOOTPRINT_SECONDS", "30"))
    for key, label, _, fp in stacks:
        print("  %-50s %s" % (label, footprint(os.path.join(d, fp))))
    print()
    print("Ratios of medians (peer / Vigil; > 1: Vigil is faster):")
    for key, label, _, _ in stacks[1:]:
        cells = []
        for mode, mlabel in MODES:
            v, p = table.get(("vigil", mode)), table.get((key, mode))
            cells.append("%s %s" % (mode, "%.1fx" % (p["med"] / v["med"]) if v and p else "-"))
        print("  %-50s %s" % (label, ", ".join(cells)))
    v1, v2 = table.get(("vigil", "kill9")), table.get(("vigil", "linkdown"))
    print("crash-median-ms=%s link-cut-median-ms=%s" % ("%.0f" % v1["med"] if v1 else "NA",
                                                     "%.0f" % v2["med"] if v2 else "NA"))


if __name__ == "__main__":
    main()
