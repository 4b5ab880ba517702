package dev.vigil.scheduler;

/** Live migration (migrate_to / migrate_from) of resources that allow it. */
final class Migration {
    private Migration() {
    }

    static boolean canMigrate(Cluster cluster, Rsc rsc, SNode current) {
        return false;
    }

    static void createActions(Cluster cluster, Rsc rsc, SNode current) {
    }
}
