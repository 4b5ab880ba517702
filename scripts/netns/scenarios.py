#!/usr/bin/env python3
"""Fault scenarios on a Vigil cluster in network namespaces (docs/netns.md), with invariants
checked all along. Part of the test suite (scripts/test); needs root, fails loudly without it.

    scenarios.py [--only NAME[,NAME...]] [--keep]

One 3-node topology (vigilnet.py) runs the scenarios in order; each leaves the cluster whole
again. The service is group g = vip (Debian's ocf:heartbeat:IPaddr2 on 198.18.0.50) then web
(ocf:vigil:http on the VIP), fencing with fence_netns, no-quorum-policy=stop.

Invariants, checked from the first start of the service to the end:
  * one VIP: ARP requests for the VIP from the client namespace (arping) never get replies from
    two different MAC addresses;
  * never active twice per the agents' state: at most one powered node holds the VIP address
    (what IPaddr2's monitor checks) and at most one node runs the web server process (what
    ocf:vigil:http's monitor checks); sampled every 50 ms;
  * committed CIB changes survive: each scenario commits a node attribute before its fault, and
    at the end every node's CIB holds all of them.
"""
import argparse
import ctypes
import fcntl
import os
import re
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import netcib  # noqa: E402
import vigilnet  # noqa: E402
from vigilnet import VIP, Topology, log  # noqa: E402

CLONE_NEWNET = 0x40000000
SIOCGIFFLAGS = 0x8913
IFF_UP = 0x1
HTTP_MARKER = b"vigil-http"


SCENARIOS = ["crash", "link_cut", "partition", "graceful_sticky", "failback", "service_hang",
             "dc_crash_in_transition"]


class Failure(Exception):
    pass


def wait_until(what, pred, timeout, interval=0.05):
    """Polls pred() until it returns something truthy; bounded by timeout."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        r = pred()
        if r:
            return r
        time.sleep(interval)
    raise Failure("timed out after %.0f s waiting for %s" % (timeout, what))


# ---------------------------------------------------------------------------- invariants
def node_probe_factory(topo, name):
    """A function returning (holds_vip, eth0_up) for the node, run by a thread inside its
    network namespace: one thread per node, answering requests through a queue."""
    import queue
    req, resp = queue.Queue(), queue.Queue()
    errors = []

    def worker():
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            fd = os.open("/run/netns/" + topo.node_ns(name), os.O_RDONLY)
            if libc.setns(fd, CLONE_NEWNET) != 0:
                raise OSError(ctypes.get_errno(), "setns into " + topo.node_ns(name))
            os.close(fd)
        except Exception as e:
            errors.append(e)
            resp.put(None)
            return
        resp.put("ready")
        ifreq = struct.pack("16sH14s", b"eth0", 0, b"\0" * 14)
        while True:
            if req.get() is None:
                return
            holds = False
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            try:
                s.bind((VIP, 0))
                holds = True
            except OSError:
                pass
            try:
                flags = struct.unpack("16sH14s", fcntl.ioctl(s.fileno(), SIOCGIFFLAGS, ifreq))[1]
                up = bool(flags & IFF_UP)
            except OSError:
                up = False
            s.close()
            resp.put((holds, up))

    threading.Thread(target=worker, daemon=True, name="netns-" + name).start()
    if resp.get(timeout=5) != "ready":
        raise Failure("cannot enter %s's network namespace: %s" % (name, errors))

    def look():
        req.put(1)
        return resp.get(timeout=5)
    return look


def http_servers(topo):
    """Nodes running an ocf:vigil:http server process (by the agent's command-line marker)."""
    by_ns = {topo.mntns(n): n for n in topo.names()}
    found = set()
    for p in os.listdir("/proc"):
        if not p.isdigit():
            continue
        try:
            with open("/proc/%s/cmdline" % p, "rb") as f:
                if HTTP_MARKER not in f.read():
                    continue
            node = by_ns.get(os.readlink("/proc/%s/ns/mnt" % p))
        except OSError:
            continue
        if node:
            found.add(node)
    return found


class Invariants:
    def __init__(self, topo):
        self.topo = topo
        self.looks = {n: node_probe_factory(topo, n) for n in topo.names()}
        self.violations = []
        self.stop_flag = threading.Event()
        self.samples = 0
        self.arp_rounds = 0
        self.arp_answered = 0     # rounds with parsed replies: proves the duplicate check can see any
        self.threads = [threading.Thread(target=self._state_loop, daemon=True),
                        threading.Thread(target=self._arp_loop, daemon=True)]

    def start(self):
        for t in self.threads:
            t.start()

    def stop(self):
        self.stop_flag.set()
        for t in self.threads:
            t.join(10)

    def violation(self, what):
        log("INVARIANT VIOLATED: " + what)
        self.violations.append("%s %s" % (time.strftime("%H:%M:%S"), what))

    def vip_active(self):
        """Powered nodes holding the VIP: the holder (the node's 'kernel') alive and eth0 up."""
        active = []
        for n, look in self.looks.items():
            holds, up = look()
            if holds and up and self.topo.holder(n) is not None:
                active.append(n)
        return active

    def _state_loop(self):
        while not self.stop_flag.is_set():
            vip = self.vip_active()
            if len(vip) > 1:
                self.violation("VIP address held by %s at once" % vip)
            web = http_servers(self.topo)
            if len(web) > 1:
                self.violation("web server running on %s at once" % sorted(web))
            self.samples += 1
            time.sleep(0.05)

    def _arp_loop(self):
        # One reply line per answer, tagged with the request it answers: two MACs answering the
        # same request is a duplicate; different MACs for successive requests is a move.
        reply_re = re.compile(r"bytes from ([0-9a-f:]{17}) \(" + re.escape(VIP) + r"\): index=(\d+)")
        while not self.stop_flag.is_set():
            r = subprocess.run(["ip", "netns", "exec", self.topo.client_ns(), "arping", "-c", "2", "-w", "0.4",
                                "-i", "eth0", VIP], capture_output=True, text=True, timeout=10)
            by_request = {}
            for mac, index in reply_re.findall(r.stdout):
                by_request.setdefault(index, set()).add(mac)
            for index, macs in by_request.items():
                if len(macs) > 1:
                    self.violation("ARP request %s for %s answered by %s" % (index, VIP, sorted(macs)))
            self.arp_rounds += 1
            self.arp_answered += bool(by_request)


# ---------------------------------------------------------------------------- the service
def answer(topo, timeout=0.3):
    """The node name the service on the VIP answers with, from the client namespace, or None."""
    r = subprocess.run(["ip", "netns", "exec", topo.client_ns(), "curl", "-s", "-m", str(timeout),
                        "http://%s:%d/" % (VIP, netcib.VIP_PORT)], capture_output=True, text=True, timeout=10)
    out = r.stdout.strip()
    return out if r.returncode == 0 and out else None


def serving(topo, timeout=60):
    return wait_until("the service to answer on %s" % VIP, lambda: answer(topo), timeout, interval=0.2)


def failover_from(topo, old, timeout):
    """Seconds until the service answers from a node other than old."""
    t0 = time.monotonic()
    wait_until("the service to answer from a node other than %s" % old,
               lambda: (lambda a: a and a != old)(answer(topo, 0.2)), timeout, interval=0.01)
    return time.monotonic() - t0


def cib_version(text):
    """admin_epoch.epoch.num_updates as a tuple, compared as Pacemaker compares versions."""
    return tuple(int(x) for x in text.split("."))


def dc_of(topo):
    for n in topo.names():
        try:
            st = topo.status(n, timeout=3)
            if st.get("dc"):
                return st["dc"]
        except vigilnet.ApiError:
            pass
    return None


class Suite:
    def __init__(self, topo, inv):
        self.topo, self.inv = topo, inv
        self.committed = []          # (attribute name, value) every scenario commits

    def commit_marker(self, scenario):
        """A committed CIB change (a permanent node attribute through the DC's cluster)."""
        name, value = "scenario-" + scenario, str(int(time.time()))
        dc = dc_of(self.topo)
        vigilnet.api_call(self.topo.sock(dc), "node.attribute",
                          {"node": dc, "name": name, "value": value, "lifetime": "forever"})
        self.committed.append((dc, name, value))

    def check_committed(self):
        for n in self.topo.names():
            xml = self.topo.query_cib(n)["xml"]
            for node, name, value in self.committed:
                if not re.search(r'name="%s" value="%s"' % (re.escape(name), re.escape(value)), xml):
                    raise Failure("committed change %s=%s (node %s) missing from %s's CIB" % (name, value, node, n))

    def rejoin(self, name):
        self.topo.reboot(name)
        self.topo.wait_members(self.topo.names(), timeout=90)

    def expect_fenced(self, name, timeout=15):
        wait_until("%s to be fenced (powered off)" % name, lambda: self.topo.holder(name) is None, timeout)

    # ---------------------------------------------------------------- scenarios
    def crash(self):
        """kill -9 every process of the serving node: fenced, service on a survivor within 10 s."""
        victim = serving(self.topo)
        self.commit_marker("crash")
        self.topo.kill_node(victim, keep_holder=True)
        took = failover_from(self.topo, victim, 10)
        log("crash of %s: service answers from %s after %.2f s" % (victim, answer(self.topo), took))
        self.expect_fenced(victim)
        self.rejoin(victim)

    def link_cut(self):
        """The serving node's cable is pulled: the others fence it and take over within 10 s."""
        victim = serving(self.topo)
        self.commit_marker("link-cut")
        self.topo.link(victim, False)
        took = failover_from(self.topo, victim, 15)
        log("link cut of %s: service answers from %s after %.2f s" % (victim, answer(self.topo), took))
        self.expect_fenced(victim)
        self.rejoin(victim)

    def partition(self):
        """Partition {serving} | {other two}: the client still reaches every node. The minority
        loses quorum and stops the group itself (no-quorum-policy=stop) before the majority's
        fencing (delayed 6 s here, so the self-stop is visible) and start elsewhere."""
        self.replace(fence_delay=6)
        victim = serving(self.topo)
        others = [n for n in self.topo.names() if n != victim]
        self.commit_marker("partition")
        ns = self.topo.node_ns(victim)
        rules = []
        for o in others:
            rules.append(["ip", "netns", "exec", ns, "iptables", "-w", "-I", "INPUT", "-s", vigilnet.node_ip(
                self.topo.idx(o)), "-j", "DROP"])
            rules.append(["ip", "netns", "exec", ns, "iptables", "-w", "-I", "OUTPUT", "-d", vigilnet.node_ip(
                self.topo.idx(o)), "-j", "DROP"])
        t0 = time.monotonic()
        for r in rules:
            vigilnet.run(*r)
        # The minority stops its resources while it still runs (its holder lives: not fenced).
        wait_until("%s (minority) to stop web and vip" % victim,
                   lambda: victim not in http_servers(self.topo) and not self.inv.looks[victim]()[0], 8)
        stopped = time.monotonic() - t0
        if self.topo.holder(victim) is None:
            raise Failure("%s was fenced before it stopped its resources itself" % victim)
        log("partition: minority %s stopped its resources after %.2f s, before being fenced" % (victim, stopped))
        took = failover_from(self.topo, victim, 20)
        log("partition: service answers from %s after %.2f s" % (answer(self.topo), took))
        self.expect_fenced(victim)
        self.rejoin(victim)        # a reboot also flushes its firewall (vigilnet.reboot)
        self.replace()

    def graceful_sticky(self):
        """SIGTERM to the serving node's daemon: it stops the group and leaves, not fenced; the
        group moves; the node starts again and rejoins, and the group stays (stickiness 100)."""
        victim = serving(self.topo)
        self.commit_marker("graceful-sticky")
        os.kill(self.topo.daemon_pid(victim), signal.SIGTERM)
        took = failover_from(self.topo, victim, 20)
        now = answer(self.topo)
        log("graceful stop of %s: service answers from %s after %.2f s" % (victim, now, took))
        wait_until("%s's daemon to exit" % victim, lambda: self.topo.daemon_pid(victim) is None, 20)
        if self.topo.holder(victim) is None:
            raise Failure("%s was fenced after a clean shutdown" % victim)
        self.topo.start_daemon(victim)
        self.topo.wait_members(self.topo.names(), timeout=90)
        self.stays(now, 5)

    def failback(self):
        """Without stickiness and with a location preference for node P: P stops gracefully, the
        group moves away, P rejoins and the group moves back to P (failback as configured)."""
        pref = serving(self.topo)
        self.replace(stickiness=0, prefer=pref)
        self.commit_marker("failback")
        os.kill(self.topo.daemon_pid(pref), signal.SIGTERM)
        failover_from(self.topo, pref, 20)
        away = answer(self.topo)
        wait_until("%s's daemon to exit" % pref, lambda: self.topo.daemon_pid(pref) is None, 20)
        self.topo.start_daemon(pref)
        self.topo.wait_members(self.topo.names(), timeout=90)
        back = wait_until("the group to fail back to %s" % pref, lambda: answer(self.topo) == pref, 30, 0.2)
        log("failback: %s -> %s -> %s" % (pref, away, pref if back else "?"))
        self.replace()
        self.stays(pref, 3)

    def service_hang(self):
        """The web server hangs (SIGSTOP): its monitor times out, the cluster recovers the
        service (restart in place or move) and it answers again within 30 s."""
        at = serving(self.topo)
        self.commit_marker("service-hang")
        pids = [p for p in self.topo.node_pids(at) if HTTP_MARKER in open("/proc/%d/cmdline" % p, "rb").read()]
        if not pids:
            raise Failure("no web server process on %s" % at)
        for p in pids:
            os.kill(p, signal.SIGSTOP)
        t0 = time.monotonic()
        wait_until("the service to stop answering", lambda: answer(self.topo, 0.2) is None, 10, 0.1)
        serving(self.topo, timeout=30)
        log("service hang on %s: answers again from %s after %.2f s" % (at, answer(self.topo), time.monotonic() - t0))
        for p in pids:                      # if the agent's stop left it (it should have killed it)
            if os.path.exists("/proc/%d" % p) and not vigilnet._zombie(p):
                raise Failure("the hung web server %d on %s survived its recovery" % (p, at))
        if self.topo.holder(at) is None:    # its stop timed out, so the node was fenced: legitimate
            log("service hang: %s was fenced (its stop failed); booting it again" % at)
            self.rejoin(at)
        self.topo.wait_members(self.topo.names(), timeout=60)

    def dc_crash_in_transition(self):
        """A move starts (CIB change), the DC is killed -9 as soon as the other nodes hold the
        change: the new DC fences it and finishes the move. The DC completes a change once it
        has persisted and sent it (docs/daemon.md), not once the others have it: a kill before
        the copy reaches them loses the change with the DC, and there is no move to finish."""
        at = serving(self.topo)
        dc = dc_of(self.topo)
        if dc == at:                         # make the DC a node that does not serve, by moving
            other = [n for n in self.topo.names() if n != dc][0]
            self.replace(stickiness=0, prefer=other)
            wait_until("the group on %s" % other, lambda: answer(self.topo) == other, 30, 0.2)
            at = other
        target = [n for n in self.topo.names() if n not in (at, dc)][0]
        self.commit_marker("dc-crash")
        version = self.replace(stickiness=0, prefer=target)
        self.held_by_others(dc, version)
        self.topo.kill_node(dc, keep_holder=True)
        wait_until("the group to reach %s" % target, lambda: answer(self.topo) == target, 30, 0.05)
        log("DC %s crashed during the move %s -> %s: done by the new DC %s" % (dc, at, target, dc_of(self.topo)))
        self.expect_fenced(dc)
        self.rejoin(dc)
        self.replace()

    def stays(self, node, seconds):
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            a = answer(self.topo)
            if a != node:
                raise Failure("the service moved from %s to %s" % (node, a))
            time.sleep(0.2)

    def replace(self, **kw):
        """Replaces the configuration, keeping the nodes section (permanent node attributes,
        the committed markers among them): a replace takes the document's sections as they are."""
        t = self.topo
        dc = dc_of(t)
        current = re.search(r"<nodes>.*?</nodes>|<nodes/>", t.query_cib(dc)["xml"], re.S)
        xml = netcib.cib(t.state, t.pid_dir(), t.names(), VIP, **kw)
        if current:
            xml = xml.replace("<nodes/>", current.group(0), 1)
        return t.replace_cib(dc, xml)["version"]

    def held_by_others(self, node, version):
        """Waits until every node but node holds a CIB copy at least as new as version."""
        want = cib_version(version)
        for n in self.topo.names():
            if n != node:
                wait_until("%s to hold CIB %s" % (n, version),
                           lambda: cib_version(self.topo.query_cib(n)["version"]) >= want, 5, 0.01)


def two_node_split(keep):
    """Two nodes (two_node: 1, both stay quorate), partitioned from each other while the client
    reaches both: each tries to fence the other; pcmk_delay_base delays fencing n1 by 3 s, so n1
    wins. Exactly one survivor, which runs the service; no moment with two."""
    state = "/tmp/vigil-netns-2node-%d" % os.getpid()
    topo = Topology(state, vigilnet.unique_prefix(), 2)
    inv = None
    try:
        topo.up()
        topo.wait_members(topo.names(), timeout=90)
        topo.replace_cib(dc_of(topo), netcib.cib(topo.state, topo.pid_dir(), topo.names(), VIP,
                                                 fence_delay_base="n1:3s;n2:0s"))
        at = serving(topo)
        inv = Invariants(topo)
        inv.start()
        for a, b in (("n1", "n2"), ("n2", "n1")):
            ns = topo.node_ns(a)
            ip = vigilnet.node_ip(topo.idx(b))
            vigilnet.run("ip", "netns", "exec", ns, "iptables", "-w", "-I", "INPUT", "-s", ip, "-j", "DROP")
            vigilnet.run("ip", "netns", "exec", ns, "iptables", "-w", "-I", "OUTPUT", "-d", ip, "-j", "DROP")
        wait_until("one node to be fenced", lambda: [n for n in topo.names() if topo.holder(n) is None], 20)
        time.sleep(5)                    # the loser's fence would have landed by now
        alive = [n for n in topo.names() if topo.holder(n) is not None]
        if alive != ["n1"]:
            raise Failure("expected exactly one survivor, n1; alive: %s" % alive)
        served = wait_until("the service on the survivor", lambda: answer(topo) == "n1", 20, 0.1)
        log("two-node split: survivor n1 (service was on %s), serving: %s" % (at, served))
        if inv.violations:
            raise Failure("; ".join(inv.violations))
        return True, ""
    except Exception as e:
        traceback.print_exc()
        return False, "%s: %s" % (type(e).__name__, e)
    finally:
        if inv:
            inv.stop()
        if not keep:
            topo.down()
            subprocess.run(["rm", "-rf", state])


def keep_logs(topo):
    """After a failure: the daemons' logs outlive the teardown, for the report."""
    dest = "/tmp/vigil-netns-failed-%s" % topo.prefix
    os.makedirs(dest, exist_ok=True)
    for n in topo.names():
        src = os.path.join(topo.node_dir(n), "daemon.log")
        if os.path.exists(src):
            subprocess.run(["cp", src, os.path.join(dest, n + ".log")])
    log("daemon logs kept in %s" % dest)


def run_suite(only, keep):
    vigilnet.require_capabilities()
    state = "/tmp/vigil-netns-scenarios-%d" % os.getpid()
    topo = Topology(state, vigilnet.unique_prefix(), 3)
    inv = None
    results = []
    try:
        topo.up()
        topo.wait_members(topo.names(), timeout=90)
        topo.replace_cib(dc_of(topo), netcib.cib(topo.state, topo.pid_dir(), topo.names(), VIP))
        log("service first answers from %s" % serving(topo))
        inv = Invariants(topo)
        inv.start()
        suite = Suite(topo, inv)
        for name in SCENARIOS:
            if only and name not in only:
                continue
            t0 = time.monotonic()
            log("=== scenario %s" % name)
            try:
                getattr(suite, name)()
                ok, why = not inv.violations, "; ".join(inv.violations)
            except Exception as e:  # a scenario's failure is reported, the next one still runs
                ok, why = False, "%s: %s" % (type(e).__name__, e)
                traceback.print_exc()
            results.append((name, ok, why, time.monotonic() - t0))
            inv.violations.clear()
            if not ok:
                break                   # the cluster's state is unknown: later scenarios would mislead
        if not only or "two_node_split" in only:
            t0 = time.monotonic()
            log("=== scenario two_node_split")
            ok, why = two_node_split(keep)
            results.append(("two_node_split", ok, why, time.monotonic() - t0))
        if inv.arp_answered == 0:
            results.append(("arp-check-sees-replies", False, "no arping round parsed a reply", 0))
        if all(ok for _, ok, _, _ in results):     # after a failure the cluster may not be whole
            try:
                suite.check_committed()
            except Exception as e:
                results.append(("committed-changes-survive", False, str(e), 0))
            else:
                results.append(("committed-changes-survive", True, "", 0))
    finally:
        if inv:
            inv.stop()
        if not all(ok for _, ok, _, _ in results):
            keep_logs(topo)
        if keep:
            log("kept %s (prefix %s); tear down with: vigilnet.py down --state %s" % (state, topo.prefix, state))
        else:
            topo.down()
            subprocess.run(["rm", "-rf", state])
    print()
    for name, ok, why, secs in results:
        print("%-28s %s %5.1fs %s" % (name, "PASS" if ok else "FAIL", secs, why))
    if inv:
        print("invariant samples: %d state looks, %d arping rounds (%d answered)"
              % (inv.samples, inv.arp_rounds, inv.arp_answered))
    return 0 if results and all(ok for _, ok, _, _ in results) else 1


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", default="")
    ap.add_argument("--keep", action="store_true")
    a = ap.parse_args()
    # SIGTERM/SIGHUP unwind like Ctrl-C, so the topology is torn down (finally) on any stop.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    signal.signal(signal.SIGHUP, lambda *_: sys.exit(129))
    sys.exit(run_suite([x for x in a.only.split(",") if x], a.keep))


if __name__ == "__main__":
    main()
