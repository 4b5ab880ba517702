package dev.vigil.scheduler;

import dev.vigil.model.Role;

/** Roles of a promotable clone's instances: which are promoted, which stay unpromoted. */
final class Promotion {
    private Promotion() {
    }

    static void assignRoles(Cluster cluster, Rsc clone) {
        for (Rsc instance : clone.children) {
            if (instance.assigned != null) {
                setNextRole(instance, Role.UNPROMOTED);
            }
        }
    }

    private static void setNextRole(Rsc rsc, Role role) {
        rsc.nextRole = role;
        for (Rsc child : rsc.children) {
            setNextRole(child, role);
        }
    }
}
