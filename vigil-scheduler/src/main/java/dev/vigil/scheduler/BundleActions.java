package dev.vigil.scheduler;

import dev.vigil.model.Role;
import dev.vigil.model.Score;

/**
 * Actions of bundles: each replica's own actions, the bundle's pseudo actions around its
 * containers (start/running, stop/stopped, and promote/demote for a promotable bundle), the
 * orderings between them, and probes.
 */
final class BundleActions {
    private BundleActions() {
    }

    static void create(Planner planner, Cluster cluster, Rsc bundle) {
        boolean starting = false;
        boolean stopping = false;
        boolean active = false;
        for (Bundles.Replica replica : bundle.replicas) {
            for (Rsc rsc : members(replica)) {
                planner.createActions(rsc);
            }
            starting |= requiredRunnable(replica.container, "start");
            stopping |= required(replica.container, "stop");
            active |= replica.container.isActive();
        }
        Actions.pseudo(cluster, bundle, "start", !starting);
        Action running = Actions.pseudo(cluster, bundle, "running", !starting);
        running.runnable = active || starting;
        Actions.pseudo(cluster, bundle, "stop", !stopping);
        Actions.pseudo(cluster, bundle, "stopped", !stopping);
        if (bundle.bundledClone != null) {
            planner.createActions(bundle.bundledClone);
        }
        if (bundle.bundleSpec.promotedMax() > 0) {
            Actions.pseudo(cluster, bundle, "promote", true);
            Actions.pseudo(cluster, bundle, "promoted", true).priority = Score.INFINITY;
            Actions.pseudo(cluster, bundle, "demote", true);
            Actions.pseudo(cluster, bundle, "demoted", true).priority = Score.INFINITY;
        }
    }

    /** A replica's IP, container and connection, in that order. */
    private static Rsc[] members(Bundles.Replica replica) {
        if (replica.ip == null) {
            return replica.remote == null ? new Rsc[] {replica.container} : new Rsc[] {replica.container, replica.remote};
        }
        return replica.remote == null ? new Rsc[] {replica.ip, replica.container}
                : new Rsc[] {replica.ip, replica.container, replica.remote};
    }

    private static boolean required(Rsc rsc, String task) {
        for (Action a : Actions.byTask(rsc, task, null)) {
            if (!a.optional) {
                return true;
            }
        }
        return false;
    }

    private static boolean requiredRunnable(Rsc rsc, String task) {
        for (Action a : Actions.byTask(rsc, task, null)) {
            if (!a.optional && a.runnable) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ internal constraints

    static void internalConstraints(InternalConstraints ic, Cluster cluster, Rsc bundle) {
        Rsc clone = bundle.bundledClone;
        if (clone != null) {
            order(cluster, bundle, "start", clone, "start", Action.IMPLIES_FIRST_PRINTED);
            order(cluster, bundle, "stop", clone, "stop", Action.IMPLIES_FIRST_PRINTED);
            order(cluster, clone, "running", bundle, "running", Action.IMPLIES_THEN_PRINTED);
            order(cluster, clone, "stopped", bundle, "stopped", Action.IMPLIES_THEN_PRINTED);
        }
        for (Bundles.Replica replica : bundle.replicas) {
            Rsc container = replica.container;
            ic.forResource(container);
            order(cluster, bundle, "start", container, "start", Action.RUNNABLE_LEFT | Action.IMPLIES_FIRST_PRINTED);
            order(cluster, container, "start", bundle, "running", Action.IMPLIES_THEN_PRINTED);
            order(cluster, bundle, "stop", container, "stop", Action.IMPLIES_FIRST_PRINTED);
            order(cluster, container, "stop", bundle, "stopped", Action.IMPLIES_THEN_PRINTED);
            if (replica.ip != null) {
                ic.forResource(replica.ip);
                order(cluster, replica.ip, "start", container, "start", Action.RUNNABLE_LEFT | Action.PRESERVE);
                order(cluster, container, "stop", replica.ip, "stop", Action.IMPLIES_FIRST | Action.PRESERVE);
                Constraints.addColocation(cluster, new Colocation("ip-with-docker", replica.ip, container,
                        Score.INFINITY, Role.UNKNOWN, Role.UNKNOWN, null, true));
            }
            if (replica.remote != null) {
                // Ordered and colocated with the container as its filler.
                ic.forResource(replica.remote);
            }
        }
        if (clone != null) {
            ic.forResource(clone);
            if (bundle.bundleSpec.promotedMax() > 0) {
                order(cluster, clone, "demoted", bundle, "demoted", Action.IMPLIES_THEN_PRINTED);
                order(cluster, bundle, "demote", clone, "demote", Action.IMPLIES_FIRST_PRINTED);
                order(cluster, clone, "promoted", bundle, "promoted", Action.IMPLIES_THEN_PRINTED);
                order(cluster, bundle, "promote", clone, "promote", Action.IMPLIES_FIRST_PRINTED);
            }
        }
    }

    private static void order(Cluster cluster, Rsc first, String firstTask, Rsc then, String thenTask, int flags) {
        cluster.orderings.add(Ordering.byKey(first, firstTask, then, thenTask, flags));
    }

    // ------------------------------------------------------------------ probes

    /**
     * Probes a bundle's replicas on a node: the IP, the instance (on its own guest node only),
     * the container, and the connection once the container has started (its address may be
     * the container's host).
     */
    static boolean probe(Planner planner, Cluster cluster, Rsc bundle, SNode node) {
        boolean any = false;
        for (Bundles.Replica replica : bundle.replicas) {
            if (replica.ip != null) {
                any |= planner.probe(replica.ip, node);
            }
            if (replica.child != null && replica.node == node) {
                any |= planner.probe(replica.child, node);
            }
            if (planner.probe(replica.container, node)) {
                any = true;
                if (bundle.bundleSpec.replicasPerHost() == 1) {
                    // No other replica starts on this node before we know none runs here.
                    Action probe = probeOf(replica.container, node);
                    for (Bundles.Replica other : bundle.replicas) {
                        if (other != replica) {
                            cluster.orderings.add(Ordering.actionThenKey(probe, other.container, "start",
                                    Action.ORDER_OPTIONAL | Action.SAME_NODE));
                        }
                    }
                }
            }
            if (replica.remote != null && planner.probe(replica.remote, node)) {
                any = true;
                cluster.orderings.add(Ordering.keyThenAction(replica.container, "start",
                        probeOf(replica.remote, node), Action.PROBE));
            }
        }
        return any;
    }

    private static Action probeOf(Rsc rsc, SNode node) {
        return Actions.find(null, rsc, Action.key(rsc.id, "monitor", 0), node);
    }

    /** A bundle's pseudo actions count as their members' actions do. */
    static Orderer.ActionFlags flagsForOrdering(Action action, SNode node) {
        return new Orderer.ActionFlags(action.optional, action.runnable, action.pseudo);
    }
}
