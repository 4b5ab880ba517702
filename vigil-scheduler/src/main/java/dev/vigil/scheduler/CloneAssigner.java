package dev.vigil.scheduler;

import java.util.Map;
import java.util.Set;

/** Assignment of clone instances and colocations that involve clones. */
final class CloneAssigner {
    private CloneAssigner() {
    }

    static SNode assign(Placement placement, Cluster cluster, Rsc clone, SNode prefer) {
        if (!clone.provisional) {
            return null;
        }
        clone.provisional = false;
        for (Rsc instance : clone.children) {
            placement.assign(instance, null);
        }
        return null;
    }

    static void applyCloneAsPrimary(Cluster cluster, Rsc dependent, Rsc clone, Colocation c) {
    }

    static void applyColocationToPriority(Cluster cluster, Rsc dependent, Rsc primary, Colocation c) {
    }

    static Map<SNode, Integer> addColocatedScores(Cluster cluster, Rsc clone, Map<SNode, Integer> nodes,
                                                  String attribute, float factor, boolean onlyPositive,
                                                  boolean selectActive, boolean thisWithDirection,
                                                  Set<Rsc> merging) {
        return null;
    }
}
