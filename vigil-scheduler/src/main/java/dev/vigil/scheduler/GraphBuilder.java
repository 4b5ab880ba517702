package dev.vigil.scheduler;

import dev.vigil.model.cib.LrmResource;
import dev.vigil.model.cib.NodeState;
import dev.vigil.model.graph.ActionType;
import dev.vigil.model.graph.GraphAction;
import dev.vigil.model.graph.Synapse;
import dev.vigil.model.graph.TransitionGraph;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stage 5: the transition graph. Every required, runnable action becomes a synapse, with the
 * actions it waits for as inputs. Synapses are listed resource by resource (each resource's
 * newest actions first, then its children), then the cluster actions (fencing, shutdown),
 * which is also the order in which a graph executor prefers to fire ready actions.
 */
final class GraphBuilder {
    private final Cluster cluster;
    private final List<Action> included = new ArrayList<>();
    private final Set<Action> dumped = new LinkedHashSet<>();
    /** Resource ids in the operation history (computed when first needed). */
    private Set<String> historyIds;
    private final Set<Action.Edge> keptLoadEdges = new java.util.HashSet<>();
    private final Set<Action.Edge> droppedLoadEdges = new java.util.HashSet<>();

    private GraphBuilder(Cluster cluster) {
        this.cluster = cluster;
    }

    static TransitionGraph build(Cluster cluster) {
        return new GraphBuilder(cluster).run();
    }

    private TransitionGraph run() {
        for (Rsc rsc : cluster.resources) {
            addResource(rsc);
        }
        List<Action> reversed = new ArrayList<>(cluster.actions);
        java.util.Collections.reverse(reversed);
        for (Action a : reversed) {
            add(a);
        }
        Map<Action, Integer> ids = new LinkedHashMap<>();
        for (Action a : included) {
            ids.put(a, a.id);
        }
        List<Synapse> synapses = new ArrayList<>();
        int synapseId = 0;
        for (Action a : included) {
            List<Integer> inputs = new ArrayList<>();
            for (Action.Edge e : a.before) {
                Action input = Orderer.forOrdering(e.first) != e.first && a.rsc != null && e.first.rsc != null
                        && e.first.rsc != a.rsc && !isAncestor(e.first.rsc, a.rsc) ? Orderer.forOrdering(e.first) : e.first;
                if (shouldAddInput(a, input, e) && ids.containsKey(input) && !inputs.contains(input.id)
                        && !loadOrderingLoops(a, input, e)) {
                    inputs.add(input.id);
                }
            }
            synapses.add(new Synapse(synapseId++, a.priority, toGraphAction(a), inputs));
        }
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("cluster-delay", cluster.options.clusterDelayMs() / 1000 + "s");
        settings.put("stonith-timeout", cluster.options.stonithTimeoutMs() / 1000 + "s");
        settings.put("batch-limit", Integer.toString(cluster.options.batchLimit()));
        settings.put("failed-stop-offset", "INFINITY");
        settings.put("failed-start-offset", "INFINITY");
        return new TransitionGraph(settings, synapses);
    }

    /**
     * Load orderings (stops before a node's load_stopped, load_stopped before starts there) can
     * close a loop when resources swap nodes; such an input is left out, as Pacemaker does. The
     * loop is looked for through the other orderings and the load orderings kept so far.
     */
    private boolean loadOrderingLoops(Action then, Action input, Action.Edge edge) {
        if ((edge.type & Action.LOAD) == 0) {
            return false;
        }
        boolean loops = reaches(input, then, new java.util.HashSet<>());
        if (loops) {
            droppedLoadEdges.add(edge);
        } else {
            keptLoadEdges.add(edge);
        }
        return loops;
    }

    /** Does {@code from} wait, through orderings, for {@code target}? */
    private boolean reaches(Action from, Action target, Set<Action> seen) {
        if (from == target) {
            return true;
        }
        if (!seen.add(from)) {
            return false;
        }
        for (Action.Edge e : from.before) {
            boolean load = (e.type & Action.LOAD) != 0;
            if (e.type == 0 || (load && !keptLoadEdges.contains(e)) || droppedLoadEdges.contains(e)) {
                continue;
            }
            if (reaches(e.first, target, seen)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAncestor(Rsc ancestor, Rsc rsc) {
        for (Rsc p = rsc.parent; p != null; p = p.parent) {
            if (p == ancestor) {
                return true;
            }
        }
        return false;
    }

    /** A resource's actions newest first, then its children's; a clone lists its instances first. */
    private void addResource(Rsc rsc) {
        if (rsc.isBundle()) {
            addBundle(rsc);
            return;
        }
        if (rsc.isClone()) {
            rsc.children.forEach(this::addResource);
        }
        List<Action> own = new ArrayList<>(rsc.actions);
        java.util.Collections.reverse(own);
        for (Action a : own) {
            add(a);
        }
        if (!rsc.isClone()) {
            rsc.children.forEach(this::addResource);
        }
    }

    /**
     * A bundle's clone first, then each replica's IP, container and connection; the bundle's
     * own pseudo actions come with the cluster's actions.
     */
    private void addBundle(Rsc bundle) {
        if (bundle.bundledClone != null) {
            addResource(bundle.bundledClone);
        }
        for (Bundles.Replica replica : bundle.replicas) {
            for (Rsc member : new Rsc[] {replica.ip, replica.container, replica.remote}) {
                if (member != null) {
                    addResource(member);
                }
            }
        }
    }

    private void add(Action a) {
        if (!dumped.add(a)) {
            return;
        }
        if (shouldAdd(a)) {
            included.add(a);
        }
    }

    static boolean shouldAdd(Action a) {
        if (!a.runnable || (a.optional && !a.printAlways)) {
            return false;
        }
        if (a.rsc != null && !a.rsc.managed && !(a.task.equals("monitor"))) {
            if (!(a.cancel && a.intervalMs > 0) && !a.cancel) {
                return false;
            }
        }
        if (a.pseudo || a.task.equals("stonith") || a.task.equals("do_shutdown")) {
            return true;
        }
        if (a.node == null) {
            return false;
        }
        if (a.dcAction) {
            return true;
        }
        if (a.node.isGuest() && !a.node.remoteRequiresReset) {
            return true;
        }
        return a.node.online && !a.node.unclean;
    }

    private static boolean shouldAddInput(Action then, Action first, Action.Edge e) {
        if (e.type == 0) {
            return false;
        }
        if (!shouldAdd(first)) {
            return false;
        }
        if ((e.type & Action.SAME_NODE) != 0 && first.node != null && then.node != null && first.node != then.node) {
            return false;
        }
        if ((e.type & Action.ANTI_COLOCATION) != 0
                && (first.node != null && then.node != null && first.node != then.node || first.optional)) {
            return false; // only where the two would meet
        }
        // A stop implied by a guest's recovery cannot wait for what the recovery waits for.
        return !(first.impliedByFencing && dependsOn(first, then, new java.util.HashSet<>()));
    }

    /** Does {@code action} (transitively) wait for {@code other}? */
    private static boolean dependsOn(Action action, Action other, Set<Action> seen) {
        for (Action.Edge e : action.before) {
            if (e.type == 0 || !seen.add(e.first)) {
                continue;
            }
            if (e.first == other || dependsOn(e.first, other, seen)) {
                return true;
            }
        }
        return false;
    }

    /** An anonymous instance's pseudo action is keyed by the name its history runs under. */
    private static String graphKey(Action a) {
        if (a.rsc == null || !a.pseudo || a.rsc.historyId == null || !a.key.startsWith(a.rsc.id + "_")) {
            return a.key;
        }
        return a.rsc.historyId + a.key.substring(a.rsc.id.length());
    }

    /**
     * The name an action's resource is reported under. An anonymous clone instance goes by
     * the clone child's plain name if some history already uses that name, else by the name
     * the history it runs under gave it, else by its own.
     */
    private String reportedName(Rsc rsc) {
        Rsc clone = rsc.enclosingClone();
        if (clone != null && !clone.globallyUnique && historyIds().contains(rsc.baseId())) {
            return rsc.baseId();
        }
        return rsc.historyName();
    }

    private Set<String> historyIds() {
        if (historyIds == null) {
            historyIds = new LinkedHashSet<>();
            for (NodeState state : cluster.cib.status().nodes()) {
                for (LrmResource entry : state.lrmResources()) {
                    historyIds.add(entry.id());
                }
            }
        }
        return historyIds;
    }

    /** What an agent learns about the clone an instance belongs to. */
    private static void addCloneMeta(Rsc rsc, Map<String, String> params) {
        Rsc clone = rsc.enclosingClone();
        if (clone == null) {
            return;
        }
        String id = rsc.id;
        params.put("CRM_meta_clone", id.substring(id.lastIndexOf(':') + 1));
        params.put("CRM_meta_clone_max", Integer.toString(clone.cloneMax));
        params.put("CRM_meta_clone_node_max", Integer.toString(clone.cloneNodeMax));
        params.put("CRM_meta_globally_unique", Boolean.toString(clone.globallyUnique));
        params.put("CRM_meta_notify", Boolean.toString(clone.notify));
        if (clone.promotable) {
            params.put("CRM_meta_promoted_max", Integer.toString(clone.promotedMax));
            params.put("CRM_meta_promoted_node_max", Integer.toString(clone.promotedNodeMax));
        }
    }

    private GraphAction toGraphAction(Action a) {
        ActionType type = a.pseudo ? ActionType.PSEUDO
                : a.rsc == null || a.task.equals("clear_failcount") || a.task.equals("lrm_delete") ? ActionType.CLUSTER
                : ActionType.RESOURCE;
        Map<String, String> params = new LinkedHashMap<>();
        if (type == ActionType.RESOURCE) {
            params.putAll(Unpacker.paramsOn(cluster, a.rsc, a.node));
            if (!a.cancel) {
                params.putAll(OpConfig.parameters(cluster, a.rsc, a.task, a.intervalMs, a.node));
            }
        }
        for (Map.Entry<String, String> m : a.meta.entrySet()) {
            params.put("CRM_meta_" + m.getKey(), m.getValue());
        }
        if (type == ActionType.RESOURCE) {
            addCloneMeta(a.rsc, params);
            long interval = a.cancel ? Long.parseLong(a.meta.getOrDefault("interval", "0")) : a.intervalMs;
            params.put("CRM_meta_timeout", Long.toString(OpConfig.timeoutMs(cluster, a.rsc,
                    a.cancel ? a.meta.getOrDefault("task", "monitor") : a.task, interval)));
            if (interval > 0) {
                params.put("CRM_meta_interval", Long.toString(interval));
            }
        }
        String task = a.task;
        String resource = a.rsc == null ? null
                : a.task.equals("clear_failcount") ? FailCounts.nameFor(a.rsc) : reportedName(a.rsc);
        return new GraphAction(a.id, type, graphKey(a), task, resource, a.intervalMs,
                a.node == null ? null : a.node.name, params);
    }
}
