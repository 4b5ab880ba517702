package dev.vigil.scheduler;

import dev.vigil.model.cib.Cib;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The working set of one scheduler run: options, nodes, resources, constraints and actions.
 * Each stage reads what earlier stages produced and adds its own part; nothing here outlives
 * the run.
 */
final class Cluster {
    final Cib cib;
    final Options options;
    final long now;
    final ConfigIndex index;
    boolean haveQuorum;
    /** A fence device provides unfencing (see {@link Unfencing}). */
    boolean unfencingEnabled;
    SNode dc;

    /** Nodes in name order (numbers compared numerically), as Pacemaker lists them. */
    final List<SNode> nodes = new ArrayList<>();
    final Map<String, SNode> nodesByName = new LinkedHashMap<>();
    final Map<String, SNode> nodesById = new LinkedHashMap<>();

    /** Top-level resources in priority order (configuration order among equals). */
    final List<Rsc> resources = new ArrayList<>();
    /** Every resource, clone instances included, by id. */
    final Map<String, Rsc> byId = new LinkedHashMap<>();

    final List<Colocation> colocations = new ArrayList<>();
    final List<LocationRule> locations = new ArrayList<>();
    final List<Ordering> orderings = new ArrayList<>();
    final List<TicketRule> tickets = new ArrayList<>();
    final Map<String, Map<String, String>> ticketStates = new LinkedHashMap<>();

    final List<Action> actions = new ArrayList<>();
    private int nextActionId = 1;

    final ScoreTrace trace = new ScoreTrace();
    final List<String> warnings = new ArrayList<>();
    /** Resources that have history but no configuration (stopped and removed). */
    final List<Rsc> orphans = new ArrayList<>();
    boolean haveRemoteNodes;
    /** Failed operations from the history (for status displays and failed-probe notes). */
    final List<FailedOp> failedOps = new ArrayList<>();

    record FailedOp(Rsc rsc, SNode node, dev.vigil.model.cib.LrmOp op) {
    }

    /** Every resource's operation history on every node, in status order (ops in call order). */
    final List<History> histories = new ArrayList<>();

    /** Fail counts (resource id, node name) that this run clears, so they no longer count. */
    final java.util.Set<java.util.List<String>> clearedFailCounts = new java.util.HashSet<>();

    record History(Rsc rsc, SNode node, dev.vigil.model.cib.LrmResource entry, List<dev.vigil.model.cib.LrmOp> ops) {
    }

    Cluster(Cib cib, Options options, long now, ConfigIndex index) {
        this.cib = cib;
        this.options = options;
        this.now = now;
        this.index = index;
    }

    int nextActionId() {
        return nextActionId++;
    }

    SNode node(String name) {
        return name == null ? null : nodesByName.get(name);
    }

    /** A location preference (from a constraint, a rule, stickiness or health) for one resource. */
    record LocationRule(String id, Rsc rsc, dev.vigil.model.Role role, Map<SNode, Integer> scores,
                        String discovery) {
    }

    /** A ticket dependency of one resource. */
    record TicketRule(String id, Rsc rsc, String ticket, dev.vigil.model.Role role, String lossPolicy) {
    }
}
