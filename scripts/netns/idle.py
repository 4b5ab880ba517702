#!/usr/bin/env python3
"""Idle run under CPU pressure: a 3-node Vigil cluster in namespaces (vigilnet.py, the
scenarios' CIB) stays idle for SECONDS while one busy loop per core runs at the same priority;
counts false failovers. Not part of CI (it takes minutes); see docs/netns.md.

    idle.py [--seconds 600] [--hogs N (default: one per core)]

Counted over the window, from the daemons' logs and from the client:
  * membership changes (a view in which a node left) and fencing requests: none should happen;
  * service moves: the VIP answered by another node than before;
  * probe failures: moments the service did not answer (new TCP connection every 100 ms)."""
import argparse
import os
import re
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import netcib  # noqa: E402
import vigilnet  # noqa: E402
from vigilnet import VIP, Topology, log  # noqa: E402

HOG = "import time\nend = time.monotonic() + %d\nwhile time.monotonic() < end:\n    pass\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seconds", type=int, default=600)
    ap.add_argument("--hogs", type=int, default=os.cpu_count() or 2)
    a = ap.parse_args()
    if not 10 <= a.seconds <= 7200:
        raise SystemExit("idle.py: --seconds must be 10..7200")
    vigilnet.require_capabilities()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    state = "/tmp/vigil-netns-idle-%d" % os.getpid()
    topo = Topology(state, vigilnet.unique_prefix(), 3)
    hogs = []
    try:
        topo.up()
        dc = topo.wait_members(topo.names(), timeout=90)
        topo.replace_cib(dc, netcib.cib(topo.state, topo.pid_dir(), topo.names(), VIP))
        time.sleep(5)
        marks = {n: os.path.getsize(os.path.join(topo.node_dir(n), "daemon.log")) for n in topo.names()}
        # Each hog stops by itself at the end of the window, even if this script is killed.
        hogs = [subprocess.Popen([sys.executable, "-c", HOG % (a.seconds + 5)]) for _ in range(a.hogs)]
        log("idle for %d s with %d CPU hogs (pids %s)" % (a.seconds, a.hogs, [h.pid for h in hogs]))
        url = "http://%s:%d/" % (VIP, netcib.VIP_PORT)
        probes = fails = moves = 0
        last = None
        end = time.monotonic() + a.seconds
        while time.monotonic() < end:
            r = subprocess.run(["ip", "netns", "exec", topo.client_ns(), "curl", "-s", "-m", "1", url],
                               capture_output=True, text=True)
            probes += 1
            who = r.stdout.strip() if r.returncode == 0 else None
            if who is None:
                fails += 1
            elif last is not None and who != last:
                moves += 1
                log("service moved: %s -> %s" % (last, who))
            last = who or last
            time.sleep(0.1)
        left = fenced = 0
        for n in topo.names():
            with open(os.path.join(topo.node_dir(n), "daemon.log")) as f:
                f.seek(marks[n])
                for line in f:
                    if re.search(r" view \d+: .*left ", line):
                        left += 1
                        log("%s: %s" % (n, line.strip()))
                    if "requesting fencing" in line:
                        fenced += 1
        print("idle %d s, %d CPU hogs, 3 nodes: membership changes (views with a node leaving, summed over "
              "nodes) %d, fencing requests %d, service moves %d, failed probes %d of %d"
              % (a.seconds, a.hogs, left, fenced, moves, fails, probes))
        return 0 if left == fenced == moves == 0 else 1
    finally:
        for h in hogs:
            h.kill()
        topo.down()
        subprocess.run(["rm", "-rf", state])


if __name__ == "__main__":
    sys.exit(main())
