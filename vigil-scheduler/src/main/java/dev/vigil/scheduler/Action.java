package dev.vigil.scheduler;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One planned action of a run, with the flags that the ordering stage propagates. An action is
 * in the graph when it ends up required and runnable.
 */
final class Action {
    /** Ordering edge types (bit flags), with Pacemaker's semantics. */
    static final int ORDER_OPTIONAL = 1;
    /** If first is required, then becomes required. */
    static final int IMPLIES_THEN = 1 << 1;
    /** If then is required, first becomes required. */
    static final int IMPLIES_FIRST = 1 << 2;
    /** Then may only run if first can run. */
    static final int RUNNABLE_LEFT = 1 << 3;
    /** Then may run if at least N (see requiredRunnableBefore) of its firsts can run. */
    static final int ONE_OR_MORE = 1 << 4;
    /** A stop/start pair of one resource: a required start forces the stop. */
    static final int RESTART = 1 << 5;
    /** Only if both happen; never makes anything required or unrunnable. */
    static final int SERIALIZE_ONLY = 1 << 6;
    /** Like IMPLIES_THEN but only when then is on the same node as first. */
    static final int IMPLIES_THEN_ON_NODE = 1 << 7;
    static final int PROBE = 1 << 8;
    static final int ASYMMETRICAL = 1 << 9;
    static final int PSEUDO_LEFT = 1 << 10;
    static final int IMPLIES_FIRST_MIGRATABLE = 1 << 11;
    static final int APPLY_FIRST_NON_MIGRATABLE = 1 << 12;
    static final int PRESERVE = 1 << 13;
    static final int SAME_NODE = 1 << 14;
    static final int THEN_CANCELS_FIRST = 1 << 15;
    static final int LOAD = 1 << 16;
    static final int ANTI_COLOCATION = 1 << 17;
    static final int PROMOTED_IMPLIES_FIRST = 1 << 18;
    static final int IMPLIES_FIRST_PRINTED = 1 << 19;
    static final int IMPLIES_THEN_PRINTED = 1 << 20;

    /** An ordering: {@code first} before {@code then}, with edge type flags. */
    static final class Edge {
        final Action first;
        final Action then;
        int type;

        Edge(Action first, Action then, int type) {
            this.first = first;
            this.then = then;
            this.type = type;
        }
    }

    final int id;
    final Rsc rsc;
    final String task;
    final SNode node;
    final long intervalMs;
    final String key;

    boolean optional = true;
    boolean runnable = true;
    boolean pseudo;
    /** Runs on the DC regardless of node state (fencing, shutdown of a node). */
    boolean dcAction;
    boolean requiresAny;
    int requiredRunnableBefore;
    int runnableBefore;
    boolean migrateRunnable;
    boolean dumped;
    boolean printed;
    /** In the graph even while optional (a start already pending, to be confirmed). */
    boolean printAlways;
    boolean cancel;
    /** A stop made unnecessary by recovering a guest's container (the guest's "fencing"). */
    boolean impliedByFencing;
    /** What the action needs before it may run (start/promote only): nothing, quorum, fencing, unfencing. */
    String needs = "nothing";
    String reason;
    /** Meta for the graph ({@code CRM_meta_*} without the prefix). */
    final Map<String, String> meta = new LinkedHashMap<>();
    final Map<String, String> extra = new LinkedHashMap<>();
    final List<Edge> before = new ArrayList<>();
    final List<Edge> after = new ArrayList<>();
    int priority;

    Action(int id, Rsc rsc, String task, SNode node, long intervalMs, String key) {
        this.id = id;
        this.rsc = rsc;
        this.task = task;
        this.node = node;
        this.intervalMs = intervalMs;
        this.key = key;
    }

    boolean isRequired() {
        return !optional;
    }

    @Override
    public String toString() {
        return key + (node == null ? "" : " on " + node.name)
                + (optional ? " (optional)" : "") + (runnable ? "" : " (unrunnable)") + (pseudo ? " (pseudo)" : "");
    }

    static String key(String rscId, String task, long intervalMs) {
        return rscId + "_" + task + "_" + intervalMs;
    }
}
