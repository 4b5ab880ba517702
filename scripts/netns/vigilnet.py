#!/usr/bin/env python3
"""Vigil clusters in network namespaces: the topology the namespace scenarios and the failover
benchmark run on (docs/netns.md).

    ns PREFIX-br : bridge br0            (STP off, no multicast snooping)
      vnI  <-veth->  ns PREFIX-nI : eth0 198.18.0.1I/24   node nI, I = 1..N
      vc   <-veth->  ns PREFIX-c  : eth0 198.18.0.100/24  the client
    virtual IP 198.18.0.50

A node is its network namespace plus a holder process (`sleep`) that owns the node's private
mount and UTS namespaces (tmpfs on /run, host name nI); every process of the node, its
`vigil daemon` first, runs inside them (nsenter), so "every process of the node" is "every
process of that mount namespace", found through /proc and nothing else. The approach (holder,
veth pairs on a bridge in its own namespace) follows the project's peer benchmarks,
/work/shared/bench-peers (common.sh).

Everything this creates carries a name prefix unique to the run, and `down` removes only those
namespaces and only processes of the topology's own mount namespaces or PIDs it recorded, so
two runs never touch each other's nodes.

Command line (state in STATE/topology.json, so hooks run as separate processes find it):
    vigilnet.py up --state DIR [--nodes N] [--prefix P]   create, boot, start daemons, wait
    vigilnet.py down --state DIR                          tear down
    vigilnet.py status --state DIR
"""
import argparse
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
VIGIL = os.path.join(REPO, "bin", "vigil")
VIP = "198.18.0.50"
CLIENT_IP = "198.18.0.100"
SUBNET_BITS = 24
PORT = 5405


def log(msg):
    print("[%s] %s" % (time.strftime("%H:%M:%S"), msg), file=sys.stderr, flush=True)


def run(*argv, check=True, timeout=30):
    r = subprocess.run(list(argv), capture_output=True, text=True, timeout=timeout)
    if check and r.returncode != 0:
        raise RuntimeError("%s failed (rc %d): %s" % (" ".join(argv), r.returncode,
                                                        (r.stderr or "").strip()[-500:]))
    return r


def node_ip(i):
    return "198.18.0.%d" % (10 + i)


def node_mac(i):
    return "02:00:c6:12:00:%02x" % (10 + i)


def require_capabilities():
    """Fails loudly (never skips) when the machine cannot host the topology."""
    if os.geteuid() != 0:
        raise SystemExit("vigilnet: must run as root (network namespaces, veth, bridge)")
    missing = [c for c in ("ip", "nsenter", "unshare", "arping") if shutil.which(c) is None]
    if not os.path.exists("/usr/lib/ocf/resource.d/heartbeat/IPaddr2"):
        missing.append("/usr/lib/ocf/resource.d/heartbeat/IPaddr2 (resource-agents)")
    if missing:
        raise SystemExit("vigilnet: missing %s; run scripts/setup-deps as root" % ", ".join(missing))


class ApiError(Exception):
    pass


def api_call(sock_path, typ, args=None, timeout=10.0):
    """One request on the daemon's local API (docs/daemon.md: one JSON object per line)."""
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(timeout)
    try:
        s.connect(sock_path)
        req = {"v": 1, "id": 1, "type": typ}
        if args is not None:
            req["args"] = args
        s.sendall((json.dumps(req) + "\n").encode())
        buf = b""
        while not buf.endswith(b"\n"):
            chunk = s.recv(65536)
            if not chunk:
                raise ApiError("%s: connection closed" % typ)
            buf += chunk
    except OSError as e:
        raise ApiError("%s: %s" % (typ, e))
    finally:
        s.close()
    resp = json.loads(buf)
    if not resp.get("ok"):
        raise ApiError("%s: %s" % (typ, resp.get("error")))
    return resp["result"]


class Topology:
    def __init__(self, state, prefix, nodes):
        self.state = os.path.abspath(state)
        self.prefix = prefix
        self.n = nodes

    # ------------------------------------------------------------ names and files
    @classmethod
    def load(cls, state):
        with open(os.path.join(state, "topology.json")) as f:
            d = json.load(f)
        return cls(state, d["prefix"], d["nodes"])

    def save(self):
        os.makedirs(self.state, exist_ok=True)
        with open(os.path.join(self.state, "topology.json"), "w") as f:
            json.dump({"prefix": self.prefix, "nodes": self.n}, f)

    def names(self):
        return ["n%d" % i for i in range(1, self.n + 1)]

    @staticmethod
    def idx(name):
        return int(name[1:])

    def br_ns(self):
        return self.prefix + "-br"

    def client_ns(self):
        return self.prefix + "-c"

    def node_ns(self, name):
        return "%s-%s" % (self.prefix, name)

    def node_dir(self, name):
        return os.path.join(self.state, name)

    def sock(self, name):
        return os.path.join(self.node_dir(name), "run", "vigil.sock")

    def pid_dir(self):
        return os.path.join(self.state, "pids")

    # ------------------------------------------------------------ network
    def _attach(self, ns, port, ip, mac):
        run("ip", "netns", "add", ns)
        run("ip", "netns", "exec", ns, "sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1",
            "net.ipv6.conf.default.disable_ipv6=1")
        run("ip", "link", "add", port, "netns", self.br_ns(), "type", "veth", "peer", "name", "eth0",
            "netns", ns)
        run("ip", "-n", self.br_ns(), "link", "set", port, "master", "br0")
        run("ip", "-n", self.br_ns(), "link", "set", port, "up")
        run("ip", "-n", ns, "link", "set", "lo", "up")
        run("ip", "-n", ns, "link", "set", "eth0", "address", mac)
        run("ip", "-n", ns, "addr", "add", "%s/%d" % (ip, SUBNET_BITS), "dev", "eth0")
        run("ip", "-n", ns, "link", "set", "eth0", "up")

    def create_network(self):
        if os.path.isdir(self.state) and os.listdir(self.state):
            raise RuntimeError("state directory %s is not empty (another run's?)" % self.state)
        existing = self.namespaces()
        if existing:
            raise RuntimeError("namespaces with prefix %s exist already: %s" % (self.prefix, existing))
        self.save()
        run("ip", "netns", "add", self.br_ns())
        run("ip", "-n", self.br_ns(), "link", "set", "lo", "up")
        run("ip", "-n", self.br_ns(), "link", "add", "br0", "type", "bridge", "stp_state", "0",
            "forward_delay", "0", "mcast_snooping", "0")
        run("ip", "-n", self.br_ns(), "link", "set", "br0", "up")
        for name in self.names():
            i = self.idx(name)
            self._attach(self.node_ns(name), "v" + name, node_ip(i), node_mac(i))
        self._attach(self.client_ns(), "vc", CLIENT_IP, "02:00:c6:12:00:64")

    def namespaces(self):
        out = run("ip", "netns", "list").stdout
        ours = []
        for line in out.splitlines():
            ns = line.split()[0] if line.split() else ""
            if ns == self.br_ns() or ns == self.client_ns() or ns.startswith(self.prefix + "-n"):
                ours.append(ns)
        return ours

    def link(self, name, up):
        """Cuts or restores the node's cable (its bridge port)."""
        run("ip", "-n", self.br_ns(), "link", "set", "v" + name, "up" if up else "down")

    def vip_holders(self):
        """Nodes whose eth0 carries the VIP (whatever the node's state)."""
        held = []
        for name in self.names():
            out = run("ip", "-n", self.node_ns(name), "-o", "-4", "addr", "show", "dev", "eth0").stdout
            if (" %s/" % VIP) in out:
                held.append(name)
        return held

    def eth0_up(self, name):
        out = run("ip", "-n", self.node_ns(name), "-o", "link", "show", "dev", "eth0").stdout
        return "state DOWN" not in out and ",UP" in out

    # ------------------------------------------------------------ nodes
    def holder(self, name):
        """The node's holder PID while it is the one recorded at boot, else None."""
        try:
            with open(os.path.join(self.node_dir(name), "holder.pid")) as f:
                h = int(f.read())
            with open(os.path.join(self.node_dir(name), "holder.mntns")) as f:
                want = f.read().strip()
            return h if os.readlink("/proc/%d/ns/mnt" % h) == want else None
        except (OSError, ValueError):
            return None

    def mntns(self, name):
        try:
            with open(os.path.join(self.node_dir(name), "holder.mntns")) as f:
                return f.read().strip()
        except OSError:
            return None

    def node_pids(self, name):
        """Every process of the node: those of its mount namespace."""
        want = self.mntns(name)
        if not want or want == os.readlink("/proc/self/ns/mnt"):
            return []
        pids = []
        for p in os.listdir("/proc"):
            if p.isdigit():
                try:
                    if os.readlink("/proc/%s/ns/mnt" % p) == want:
                        pids.append(int(p))
                except OSError:
                    pass
        return pids

    def boot(self, name):
        """Starts the node's holder: private mount + UTS namespace inside its network namespace."""
        d = self.node_dir(name)
        os.makedirs(os.path.join(d, "run"), exist_ok=True)
        os.makedirs(os.path.join(d, "state"), exist_ok=True)
        script = ("set -e; hostname %s; mount -t tmpfs -o mode=0755,size=64m vigilnet-run /run; "
                  "mkdir -p /run/lock /run/resource-agents; chmod 1777 /run/lock; "
                  "exec sleep 86400" % name)
        logf = open(os.path.join(d, "holder.log"), "w")
        p = subprocess.Popen(["ip", "netns", "exec", self.node_ns(name), "unshare", "--mount", "--uts",
                              "--propagation", "private", "--", "/bin/bash", "-c", script],
                             stdin=subprocess.DEVNULL, stdout=logf, stderr=logf, start_new_session=True)
        host_mnt = os.readlink("/proc/self/ns/mnt")
        for _ in range(200):
            try:
                comm = open("/proc/%d/comm" % p.pid).read().strip()
                mnt = os.readlink("/proc/%d/ns/mnt" % p.pid)
            except OSError:
                comm, mnt = None, None
            if comm == "sleep" and mnt != host_mnt:
                with open(os.path.join(d, "holder.mntns"), "w") as f:
                    f.write(mnt + "\n")
                with open(os.path.join(d, "holder.pid"), "w") as f:
                    f.write("%d\n" % p.pid)
                return p.pid
            if p.poll() is not None:
                break
            time.sleep(0.05)
        raise RuntimeError("node %s: holder did not start: %s" % (name, open(os.path.join(d, "holder.log")).read()))

    def spawn(self, name, argv, logname):
        """Starts a long-running command inside the node; returns its PID."""
        h = self.holder(name)
        if h is None:
            raise RuntimeError("node %s is not running" % name)
        logf = open(os.path.join(self.node_dir(name), logname), "a")
        p = subprocess.Popen(["nsenter", "-t", str(h), "-m", "-u", "-n", "--"] + argv,
                             stdin=subprocess.DEVNULL, stdout=logf, stderr=logf, start_new_session=True,
                             env=dict(os.environ, VIGIL_HOME=REPO))
        return p.pid

    def start_daemon(self, name):
        pid = self.spawn(name, [VIGIL, "daemon", "--config", os.path.join(self.state, "vigil.conf"),
                                "--name", name, "--state-dir", os.path.join(self.node_dir(name), "state"),
                                "--socket", self.sock(name)], "daemon.log")
        os.makedirs(self.pid_dir(), exist_ok=True)
        with open(os.path.join(self.pid_dir(), name + ".pid"), "w") as f:
            f.write("%d\n" % pid)
        return pid

    def daemon_pid(self, name):
        try:
            pid = int(open(os.path.join(self.pid_dir(), name + ".pid")).read())
        except (OSError, ValueError):
            return None
        return pid if pid in self.node_pids(name) else None

    def kill_node(self, name, keep_holder=False):
        """SIGKILL every process of the node (its holder too unless keep_holder: the 'kernel')."""
        h = self.holder(name)
        victims = [p for p in self.node_pids(name) if not (keep_holder and p == h)]
        for p in victims:
            try:
                os.kill(p, signal.SIGKILL)
            except ProcessLookupError:
                pass
        end = time.monotonic() + 5
        while time.monotonic() < end and any(os.path.exists("/proc/%d" % p) and
                                              not _zombie(p) for p in victims):
            time.sleep(0.02)
        return victims

    def reboot(self, name):
        """A fresh start of the node, as after a power cycle: no process, no VIP, cable in, daemon."""
        self.kill_node(name)
        if shutil.which("iptables"):    # scenarios partition nodes with firewall rules
            run("ip", "netns", "exec", self.node_ns(name), "iptables", "-w", "-F", check=False)
        run("ip", "-n", self.node_ns(name), "addr", "del", "%s/%d" % (VIP, SUBNET_BITS), "dev", "eth0",
            check=False)
        run("ip", "-n", self.node_ns(name), "link", "set", "eth0", "up")
        self.link(name, True)
        self.boot(name)
        return self.start_daemon(name)

    # ------------------------------------------------------------ cluster
    def write_config(self):
        nodes = "".join("    node {\n        name: %s\n        nodeid: %d\n        ring0_addr: %s\n    }\n"
                        % (name, self.idx(name), node_ip(self.idx(name))) for name in self.names())
        quorum = "    provider: corosync_votequorum\n" + ("    two_node: 1\n" if self.n == 2 else "")
        conf = ("totem {\n    version: 2\n    cluster_name: %s\n    keyfile: authkey\n"
                "    interface {\n        linknumber: 0\n        mcastport: %d\n    }\n}\n"
                "nodelist {\n%s}\nquorum {\n%s}\n" % (self.prefix, PORT, nodes, quorum))
        with open(os.path.join(self.state, "vigil.conf"), "w") as f:
            f.write(conf)
        run(VIGIL, "keygen", "--output", os.path.join(self.state, "authkey"), timeout=120)

    def status(self, name, timeout=5.0):
        return api_call(self.sock(name), "cluster.status", timeout=timeout)

    def up(self):
        self.create_network()
        self.write_config()
        for name in self.names():
            self.boot(name)
        for name in self.names():
            self.start_daemon(name)
        log("topology %s: %d nodes, client %s, VIP %s; daemons starting" % (self.prefix, self.n,
                                                                             self.client_ns(), VIP))

    def wait_members(self, names, timeout=90.0):
        """Until every given node sees exactly these nodes online, with one DC and quorum."""
        end = time.monotonic() + timeout
        last = None
        while time.monotonic() < end:
            try:
                views = [self.status(n) for n in names]
                ok = all(sorted(x["name"] for x in v["nodes"] if x["online"]) == sorted(names)
                         and v.get("dc") and v["quorum"]["quorate"] for v in views)
                if ok and len({v["dc"] for v in views}) == 1:
                    return views[0]["dc"]
                last = [(v["localNode"], v.get("dc"), [x["name"] for x in v["nodes"] if x["online"]])
                        for v in views]
            except (ApiError, KeyError, ValueError) as e:
                last = str(e)
            time.sleep(0.5)
        raise RuntimeError("nodes %s did not form one cluster within %.0f s (last: %s)" % (names, timeout, last))

    def replace_cib(self, name, xml):
        return api_call(self.sock(name), "cib.replace", {"xml": xml}, timeout=30)

    def query_cib(self, name):
        return api_call(self.sock(name), "cib.query", timeout=10)

    def down(self):
        for name in self.names():
            self.kill_node(name)
        for ns in self.namespaces():
            run("ip", "netns", "del", ns, check=False)
        try:
            os.remove(os.path.join(self.state, "topology.json"))
        except OSError:
            pass


# ---------------------------------------------------------------- bench hooks
# The failover driver (failover.py, shared with the peer benchmarks) calls these through
# vigil-hook.sh: ready? -> prepare the fault on NODE (JSON: PIDs to kill, command that cuts the
# link) -> it injects the fault and times the VIP -> restore NODE.

def powered(t, name):
    """A node is powered while its holder (its 'kernel') lives and its interface is up."""
    return t.holder(name) is not None and t.eth0_up(name)


def hook_ready(t):
    try:
        views = [t.status(n, timeout=3) for n in t.names()]
    except ApiError:
        return 1
    if any(sorted(x["name"] for x in v["nodes"] if x["online"]) != t.names() or not v.get("dc") for v in views):
        return 1
    active = [n for n in t.vip_holders() if powered(t, n)]
    return 0 if len(active) == 1 else 1


def hook_prepare(t, name, mode):
    if mode in ("crash", "kill9"):   # kill -9 every process of the node; its kernel (holder) stays
        pids, down = [p for p in t.node_pids(name) if p != t.holder(name)], None
    elif mode == "linkdown":     # pull the node's cable
        pids, down = [], ["ip", "-n", t.br_ns(), "link", "set", "v" + name, "down"]
    else:
        raise SystemExit("vigilnet: unknown mode %s (kill9 or crash, linkdown)" % mode)
    i = t.idx(name)
    print(json.dumps({"pids": pids, "down": down, "ip": node_ip(i), "mac": node_mac(i), "info": {}}))
    return 0


def hook_restore(t, name):
    """The node was crashed or fenced: boot it again and wait until it is a member."""
    t.reboot(name)
    t.wait_members(t.names(), timeout=120)
    return 0


def _zombie(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().rsplit(")", 1)[1].split()[0] == "Z"
    except (OSError, IndexError):
        return True


def unique_prefix():
    """A short name prefix unique to this run (namespace names stay well under limits)."""
    return "vg%s" % secrets.token_hex(3)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("cmd", choices=["up", "down", "status", "configure", "daemon-pids", "hook-ready", "hook-prepare", "hook-restore",
                                    "hook-after"])
    ap.add_argument("args", nargs="*")
    ap.add_argument("--state", required=True)
    ap.add_argument("--nodes", type=int, default=3)
    ap.add_argument("--prefix", default=None)
    a = ap.parse_intermixed_args()
    require_capabilities()
    if a.cmd == "up":
        if not 2 <= a.nodes <= 9:
            raise SystemExit("vigilnet: --nodes must be 2..9 (addresses 198.18.0.11-19)")
        t = Topology(a.state, a.prefix or unique_prefix(), a.nodes)
        try:
            t.up()
            dc = t.wait_members(t.names())
            log("cluster formed, DC %s" % dc)
        except BaseException:
            t.down()
            raise
        print(t.prefix)
    elif a.cmd == "configure":      # the scenarios' CIB (netcib.py), then wait for the service
        import netcib
        t = Topology.load(a.state)
        dc = t.wait_members(t.names())
        t.replace_cib(dc, netcib.cib(t.state, t.pid_dir(), t.names(), VIP))
        end = time.monotonic() + 60
        while [n for n in t.vip_holders() if powered(t, n)] == [] and time.monotonic() < end:
            time.sleep(0.2)
        log("configured: group g on %s" % t.vip_holders())
    elif a.cmd == "daemon-pids":    # one "NODE PID" line per running daemon
        t = Topology.load(a.state)
        for n in t.names():
            if t.daemon_pid(n):
                print(n, t.daemon_pid(n))
    elif a.cmd == "hook-ready":
        sys.exit(hook_ready(Topology.load(a.state)))
    elif a.cmd == "hook-prepare":
        sys.exit(hook_prepare(Topology.load(a.state), a.args[0], a.args[1]))
    elif a.cmd == "hook-restore":
        sys.exit(hook_restore(Topology.load(a.state), a.args[0]))
    elif a.cmd == "hook-after":
        sys.exit(1)              # no extra per-trial timings
    elif a.cmd == "down":
        Topology.load(a.state).down()
    else:
        t = Topology.load(a.state)
        for name in t.names():
            try:
                st = t.status(name)
                print(name, "dc=%s" % st.get("dc"), "online=%s" % [x["name"] for x in st["nodes"] if x["online"]])
            except ApiError as e:
                print(name, "unreachable:", e)
        print("VIP on:", t.vip_holders())


if __name__ == "__main__":
    main()
