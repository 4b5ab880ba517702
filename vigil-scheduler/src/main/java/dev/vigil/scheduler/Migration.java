package dev.vigil.scheduler;

import dev.vigil.model.cib.LrmOp;

/** Live migration (migrate_to / migrate_from) of resources that allow it. */
final class Migration {
    private Migration() {
    }

    static boolean canMigrate(Cluster cluster, Rsc rsc, SNode current) {
        return false;
    }

    static void createActions(Cluster cluster, Rsc rsc, SNode current) {
    }

    static void noteMigrateToSuccess(Cluster cluster, Rsc rsc, SNode source, LrmOp op) {
    }

    static void noteMigrateToFailure(Cluster cluster, Rsc rsc, SNode source, LrmOp op) {
    }

    static void noteMigrateFromFailure(Cluster cluster, Rsc rsc, SNode target, LrmOp op) {
    }

    /** A migrate_to seen in the history, with the resource still active on the source. */
    static void noteMigrationState(Cluster cluster, Rsc rsc, SNode source, LrmOp migrateTo) {
        SNode target = cluster.node(migrateTo.get("migrate_target"));
        if (target != null && rsc.role != dev.vigil.model.Role.STOPPED) {
            rsc.partialMigrationSource = source;
            rsc.partialMigrationTarget = target;
        }
    }
}
