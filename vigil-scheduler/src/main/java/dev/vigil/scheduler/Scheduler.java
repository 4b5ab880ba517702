package dev.vigil.scheduler;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The scheduler: {@code schedule(snapshot) → result}, pure and deterministic. */
public final class Scheduler {
    private Scheduler() {
    }

    public static SchedulerResult schedule(ClusterSnapshot snapshot) {
        Cluster cluster = run(snapshot);
        List<ScoreContribution> contributions = new ArrayList<>();
        for (ScoreTrace.Contribution c : cluster.trace.contributions) {
            contributions.add(new ScoreContribution(c.resource(), c.node(), c.source(), c.score()));
        }
        return new SchedulerResult(GraphBuilder.build(cluster), TransitionSummary.of(cluster), cluster.trace.lines,
                contributions, cluster.warnings, assignments(cluster));
    }

    /** Where each primitive will run after the transition. */
    static Map<String, String> assignments(Cluster cluster) {
        Map<String, String> out = new TreeMap<>();
        for (Rsc rsc : cluster.byId.values()) {
            if (rsc.isPrimitive() && rsc.assigned != null && rsc.nextRole != dev.vigil.model.Role.STOPPED) {
                out.put(rsc.id, rsc.assigned.name);
            }
        }
        return out;
    }

    /** Runs every stage and returns the working set (for reports that need more than the result). */
    static Cluster run(ClusterSnapshot snapshot) {
        Cluster cluster = Unpacker.unpack(snapshot);
        schedule(cluster);
        return cluster;
    }

    /** The stages after unpacking. */
    static void schedule(Cluster cluster) {
        NodeHealth.apply(cluster);
        Constraints.unpack(cluster);
        ShutdownLocks.apply(cluster);
        Digests.noteStaleFailCounts(cluster);
        Placement.applyNodeCriteria(cluster);
        InternalConstraints.create(cluster);
        Placement.assignAll(cluster);
        Planner.plan(cluster);
        Orderer.apply(cluster);
        Digests.settleReloads(cluster);
        CloneNotifications.createNotifications(cluster);
    }
}
