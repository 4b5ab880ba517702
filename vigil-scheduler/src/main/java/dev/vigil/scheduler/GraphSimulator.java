package dev.vigil.scheduler;

import dev.vigil.model.graph.ActionType;
import dev.vigil.model.graph.GraphAction;
import dev.vigil.model.graph.Synapse;
import dev.vigil.model.graph.TransitionGraph;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Executes a transition graph the way Pacemaker's graph executor does in a simulation: in
 * passes over the synapses, firing every synapse whose inputs are all complete; a simulated
 * action completes at once, so later synapses of the same pass may fire too.
 */
public final class GraphSimulator {
    private GraphSimulator() {
    }

    /** The actions in the order they fire. Actions whose inputs never complete are left out. */
    public static List<GraphAction> fireOrder(TransitionGraph graph) {
        List<GraphAction> fired = new ArrayList<>();
        Set<Integer> done = new HashSet<>();
        Set<Integer> firedSynapses = new HashSet<>();
        int passes = graph.synapses().size() + 1;
        for (int pass = 0; pass < passes; pass++) {
            boolean progress = false;
            for (Synapse s : graph.synapses()) {
                if (firedSynapses.contains(s.id()) || !done.containsAll(s.inputs())) {
                    continue;
                }
                firedSynapses.add(s.id());
                done.add(s.action().id());
                fired.add(s.action());
                progress = true;
            }
            if (!progress) {
                break;
            }
        }
        return fired;
    }

    /** One line of crm_simulate's "Executing Cluster Transition" for an action. */
    public static String describe(GraphAction a) {
        if (a.type() == ActionType.PSEUDO) {
            return "  * Pseudo action:   " + a.key() + (a.resource() == null && a.node() != null ? " on " + a.node() : "");
        }
        if (a.type() == ActionType.CLUSTER) {
            if (a.task().equals("stonith")) {
                return "  * Fencing " + a.node() + " (" + a.parameters().getOrDefault("CRM_meta_stonith_action", "reboot") + ")";
            }
            return "  * Cluster action:  " + a.task() + (a.resource() == null ? "" : " for " + a.resource())
                    + " on " + a.node();
        }
        String op = a.task();
        String interval = a.parameters().get("CRM_meta_interval");
        if (interval != null && !interval.equals("0")) {
            op = op + "=" + interval;
        }
        return String.format("  * Resource action: %-15s %s on %s", a.resource(), op, a.node());
    }
}
