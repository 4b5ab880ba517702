package dev.vigil.scheduler;

/** Actions of clones: per-instance actions and the clone's pseudo actions. */
final class CloneActions {
    private CloneActions() {
    }

    static void create(Planner planner, Cluster cluster, Rsc clone) {
        for (Rsc instance : clone.children) {
            planner.createActions(instance);
        }
        Actions.pseudo(cluster, clone, "start", true);
        Actions.pseudo(cluster, clone, "running", true);
        Actions.pseudo(cluster, clone, "stop", true);
        Actions.pseudo(cluster, clone, "stopped", true);
    }

    static void internalConstraints(InternalConstraints ic, Cluster cluster, Rsc clone) {
        for (Rsc instance : clone.children) {
            ic.forResource(instance);
        }
    }

    static Orderer.ActionFlags flagsForOrdering(Action action, SNode node) {
        return new Orderer.ActionFlags(action.optional, action.runnable, action.pseudo);
    }
}
