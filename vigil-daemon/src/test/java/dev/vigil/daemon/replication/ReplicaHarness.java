package dev.vigil.daemon.replication;

import dev.vigil.cib.CibXml;
import dev.vigil.cib.store.StoredCib;
import dev.vigil.cluster.membership.View;
import dev.vigil.cluster.quorum.QuorumState;
import dev.vigil.controller.ClusterState;
import dev.vigil.model.cib.Cib;
import dev.vigil.model.cib.CibVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Several {@link CibReplica}s on a simulated network and clock, one thread, deterministic:
 * messages go through the wire format and queue per (sender, receiver) pair and are delivered FIFO per pair in a fixed order;
 * partitions drop traffic between groups; every effect is recorded.
 */
final class ReplicaHarness {
    static final ReplicaSettings SETTINGS = new ReplicaSettings(Duration.ofSeconds(5), Duration.ofSeconds(3),
            Duration.ofSeconds(30), 10, 100);
    static final String EMPTY_XML = "<cib admin_epoch=\"0\" epoch=\"0\" num_updates=\"0\" validate-with=\"pacemaker-3.0\">"
            + "<configuration><crm_config/><nodes/><resources/><constraints/></configuration><status/></cib>";

    final Map<String, Integer> nodeIds = new LinkedHashMap<>();
    final Map<String, CibReplica> replicas = new TreeMap<>();
    /** What each node had on disk at start, then what it persisted, in order. */
    final Map<String, List<StoredCib>> disk = new TreeMap<>();
    final Map<String, List<ReplicaEffect>> effects = new TreeMap<>();
    final Map<Long, String> outcomes = new TreeMap<>();
    private final Map<List<String>, Deque<CibMessage>> wires = new TreeMap<>((a, b) -> String.join(">", a).compareTo(String.join(">", b)));
    private final Set<String> down = new java.util.TreeSet<>();
    /** Which partition each node is in; traffic between partitions is dropped. */
    private final Map<String, Integer> partitionOf = new TreeMap<>();
    Instant now = Instant.parse("2026-11-01T10:00:00Z");
    long viewId;
    long nextRequest = 1;

    ReplicaHarness(int n) {
        for (int i = 1; i <= n; i++) {
            nodeIds.put("node" + i, i);
        }
        for (String name : nodeIds.keySet()) {
            start(name, StoredCib.of(CibXml.parse(EMPTY_XML)));
        }
    }

    void start(String name, StoredCib disk0) {
        replicas.put(name, new CibReplica(name, nodeIds, SETTINGS, disk0));
        disk.put(name, new ArrayList<>(List.of(disk0)));
        effects.put(name, new ArrayList<>());
        down.remove(name);
        partitionOf.put(name, 0);
    }

    /** The node stops (kill -9): no more input, its queued traffic is lost. */
    void crash(String name) {
        down.add(name);
        wires.entrySet().removeIf(e -> e.getKey().contains(name));
    }

    /** Installs views: each group is one partition with its own view (first member coordinates). */
    @SafeVarargs
    final void views(boolean quorateMajority, List<String>... groups) {
        int total = nodeIds.size();
        for (int g = 0; g < groups.length; g++) {
            for (String m : groups[g]) {
                partitionOf.put(m, g);
            }
        }
        wires.entrySet().removeIf(e -> !partitionOf.get(e.getKey().get(0)).equals(partitionOf.get(e.getKey().get(1))));
        for (List<String> group : groups) {
            viewId++;
            boolean quorate = quorateMajority && group.size() * 2 > total;
            View view = View.of(viewId, group);
            QuorumState q = new QuorumState(quorate, group.size(), total, total / 2 + 1,
                    (quorate ? "quorate: " : "not quorate: ") + group.size() + " of " + total);
            ClusterState state = new ClusterState(view, q, quorate ? group.get(0) : null);
            for (String m : group) {
                step(m, new ReplicaInput.Cluster(state, now));
            }
        }
    }

    void view(String... members) {
        views(true, List.of(members));
    }

    long change(String node, String description, UnaryOperator<Cib> change) {
        long id = nextRequest++;
        outcomes.put(id, "pending");
        step(node, new ReplicaInput.Change(id, description, "test", change, now));
        return id;
    }

    void tick(Duration d) {
        now = now.plus(d);
        for (String n : replicas.keySet()) {
            if (!down.contains(n)) {
                step(n, new ReplicaInput.Tick(now));
            }
        }
    }

    void step(String node, ReplicaInput input) {
        if (down.contains(node)) {
            return;
        }
        for (ReplicaEffect e : replicas.get(node).step(input)) {
            effects.get(node).add(e);
            if (e instanceof ReplicaEffect.Persist p) {
                disk.get(node).add(p.copy());
            } else if (e instanceof ReplicaEffect.Send s) {
                enqueue(node, s.node(), s.message());
            } else if (e instanceof ReplicaEffect.Broadcast b) {
                for (String to : replicas.keySet()) {
                    if (partitionOf.get(to).equals(partitionOf.get(node))) {
                        enqueue(node, to, b.message());
                    }
                }
            } else if (e instanceof ReplicaEffect.Complete c) {
                outcomes.put(c.id(), "done " + c.version());
            } else if (e instanceof ReplicaEffect.Reject r) {
                outcomes.put(r.id(), "rejected: " + r.reason());
            }
        }
    }

    private void enqueue(String from, String to, CibMessage m) {
        if (down.contains(to) || !partitionOf.get(from).equals(partitionOf.get(to))) {
            return;
        }
        // Through the wire format, as between real daemons (parsing reorders attributes, for one).
        CibMessage decoded = dev.vigil.daemon.wire.CibWire.decode(dev.vigil.daemon.wire.CibWire.encode(m));
        wires.computeIfAbsent(List.of(from, to), k -> new ArrayDeque<>()).add(decoded);
    }

    /** Delivers one message of every non-empty wire, in wire order, until all are empty (bounded). */
    void settle() {
        for (int round = 0; round < 10_000; round++) {
            boolean any = false;
            for (Map.Entry<List<String>, Deque<CibMessage>> e : new ArrayList<>(wires.entrySet())) {
                CibMessage m = e.getValue().poll();
                if (m != null) {
                    any = true;
                    step(e.getKey().get(1), new ReplicaInput.Received(e.getKey().get(0), m, now));
                }
            }
            if (!any) {
                return;
            }
        }
        throw new AssertionError("the network did not settle");
    }

    /** Drops every message in flight from {@code from} (it died before they left). */
    void dropFrom(String from) {
        wires.entrySet().removeIf(e -> e.getKey().get(0).equals(from));
    }

    /** Delivers only the messages on one wire. */
    void deliver(String from, String to) {
        Deque<CibMessage> q = wires.get(List.of(from, to));
        while (q != null && !q.isEmpty()) {
            step(to, new ReplicaInput.Received(from, q.poll(), now));
        }
    }

    StoredCib copy(String node) {
        return replicas.get(node).current();
    }

    CibVersion version(String node) {
        return copy(node).version();
    }

    List<String> logs(String node) {
        return effects.get(node).stream().filter(e -> e instanceof ReplicaEffect.Log).map(e -> ((ReplicaEffect.Log) e).text()).toList();
    }
}
