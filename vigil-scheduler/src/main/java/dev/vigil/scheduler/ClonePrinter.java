package dev.vigil.scheduler;

import dev.vigil.model.Role;
import dev.vigil.model.cib.Clone;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Clones in the status display. Unique clones list every instance; anonymous clones list only
 * the instances that need attention (failed, unmanaged, pending, partly active, orphaned, on an
 * unclean node) and summarise the others by role ({@code Started: [ node1 node2 ]}), followed
 * by the nodes where no instance is active.
 */
final class ClonePrinter {
    private ClonePrinter() {
    }

    static void print(StatusPrinter printer, Cluster cluster, Rsc clone, String indent, List<String> out) {
        out.add(indent + "* Clone Set: " + clone.id + " [" + ((Clone) clone.config).child().id() + "]"
                + headerFlags(clone) + ":");
        String inner = indent + "  ";
        Set<SNode> promoted = nodeSet();
        Set<SNode> unpromoted = nodeSet();
        Set<SNode> started = nodeSet();
        Set<SNode> active = nodeSet();
        int summarised = 0;
        for (Rsc instance : clone.children) {
            active.addAll(instance.runningOn);
            if (clone.globallyUnique || needsOwnLine(instance, printer.showsPending())) {
                if (clone.globallyUnique || instance.isActive()) {
                    printInstance(printer, clone, instance, inner, out);
                }
                continue;
            }
            if (!instance.isActive()) {
                continue;
            }
            summarised++;
            switch (displayRole(clone, instance)) {
                case PROMOTED -> promoted.addAll(instance.runningOn);
                case UNPROMOTED -> unpromoted.addAll(instance.runningOn);
                default -> started.addAll(instance.runningOn);
            }
        }
        addList(out, inner, "Promoted", promoted);
        addList(out, inner, "Unpromoted", unpromoted);
        addList(out, inner, "Started", started);
        // Once clone-max instances are summarised as active, the clone cannot run anywhere else.
        if (!clone.globallyUnique && summarised < clone.cloneMax) {
            stoppedLists(cluster, clone, active, inner, out);
        }
    }

    private static String headerFlags(Rsc clone) {
        List<String> flags = new ArrayList<>();
        if (clone.promotable) {
            flags.add("promotable");
        }
        if (clone.globallyUnique) {
            flags.add("unique");
        }
        if (!clone.managed) {
            flags.add(clone.maintenance ? "maintenance" : "unmanaged");
        }
        if (clone.targetRole == Role.STOPPED) {
            flags.add("disabled");
        }
        return flags.isEmpty() ? "" : " (" + String.join(", ", flags) + ")";
    }

    private static Set<SNode> nodeSet() {
        return new TreeSet<>((a, b) -> NodeNames.compare(a.name, b.name));
    }

    /** An anonymous instance gets its own line when a summary by role would hide something. */
    private static boolean needsOwnLine(Rsc instance, boolean showPending) {
        if (instance.orphan && instance.isActive()) {
            return true;
        }
        if (instance.runningOn.size() > 1) {
            return true;
        }
        List<Rsc> members = instance.primitives();
        int activeMembers = 0;
        for (Rsc p : members) {
            if (p.failed || !p.managed || p.blocked || showPending && p.pendingTask != null && p.pendingNode != null) {
                return true;
            }
            for (SNode n : p.runningOn) {
                if (n.unclean) {
                    return true;
                }
            }
            if (p.isActive()) {
                activeMembers++;
            }
        }
        return activeMembers > 0 && activeMembers < members.size();
    }

    private static Role displayRole(Rsc clone, Rsc instance) {
        Role role = Role.STOPPED;
        for (Rsc p : instance.primitives()) {
            if (p.role.compareTo(role) > 0) {
                role = p.role;
            }
        }
        if (role == Role.STARTED && clone.promotable) {
            return Role.UNPROMOTED;
        }
        return role;
    }

    private static void printInstance(StatusPrinter printer, Rsc clone, Rsc instance, String indent,
                                      List<String> out) {
        if (instance.isGroup()) {
            printer.groupInstance(instance, indent, clone.globallyUnique, out);
        } else {
            String name = clone.globallyUnique ? instance.id : instance.baseId();
            out.add(indent + "* " + printer.primitiveLine(instance, name, true));
        }
    }

    private static void addList(List<String> out, String indent, String label, Set<SNode> nodes) {
        if (nodes.isEmpty()) {
            return;
        }
        StringBuilder s = new StringBuilder(indent).append("* ").append(label).append(": [");
        for (SNode n : nodes) {
            s.append(' ').append(n.name);
        }
        out.add(s.append(" ]").toString());
    }

    /**
     * Nodes where the clone may run but no instance is active: those whose probe found the
     * agent missing separately, the others as plain (or disabled) stopped. In an asymmetric
     * cluster only nodes its history mentions count.
     */
    private static void stoppedLists(Cluster cluster, Rsc clone, Set<SNode> active, String indent,
                                     List<String> out) {
        Set<SNode> stopped = nodeSet();
        Set<SNode> notInstalled = nodeSet();
        for (SNode node : cluster.nodes) {
            if (active.contains(node) || !cluster.options.symmetricCluster() && !knownOn(clone, node)) {
                continue;
            }
            if (node.bundleNode && (clone.parent == null || !clone.parent.isBundle())) {
                continue; // only a bundle's own resources may run on its guest nodes
            }
            if (notInstalledOn(cluster, clone, node)) {
                notInstalled.add(node);
            } else {
                stopped.add(node);
            }
        }
        addList(out, indent, clone.targetRole == Role.STOPPED ? "Stopped (disabled)" : "Stopped", stopped);
        addList(out, indent, "Stopped (not installed)", notInstalled);
    }

    /**
     * In an asymmetric cluster the clone may run only where it is allowed, which a status
     * display knows only where its history says anything.
     */
    private static boolean knownOn(Rsc clone, SNode node) {
        for (Rsc p : clone.primitives()) {
            if (p.knownOn.contains(node)) {
                return true;
            }
        }
        return false;
    }

    private static boolean notInstalledOn(Cluster cluster, Rsc clone, SNode node) {
        for (Cluster.FailedOp f : cluster.failedOps) {
            if (f.node() == node && f.rsc().enclosingClone() == clone && f.op().rcCode() == 5
                    && "monitor".equals(f.op().operation()) && f.op().intervalMs() == 0) {
                return true;
            }
        }
        return false;
    }
}
