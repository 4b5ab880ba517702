package dev.vigil.scheduler;

import dev.vigil.model.Role;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cluster status in crm_mon's text layout, as crm_simulate prints it: the node list
 * (plain online and offline nodes summarised, the others one per line) and every resource
 * with its role, node and flags.
 */
final class StatusPrinter {
    private final Cluster cluster;
    private final boolean showPending;
    private final List<String> out = new ArrayList<>();

    private StatusPrinter(Cluster cluster, boolean showPending) {
        this.cluster = cluster;
        this.showPending = showPending;
    }

    /** The status lines; pending operations ("Starting", "(Monitoring)") shown when asked. */
    /** Whether pending operations are shown (an instance with one then gets its own line). */
    boolean showsPending() {
        return showPending;
    }

    static List<String> print(Cluster cluster, boolean showPending) {
        StatusPrinter p = new StatusPrinter(cluster, showPending);
        p.nodes();
        p.out.add("");
        p.resources();
        return p.out;
    }

    // ------------------------------------------------------------------ nodes

    private void nodes() {
        out.add("  * Node List:");
        Map<String, List<String>> lists = new LinkedHashMap<>();
        for (String name : List.of("Online", "OFFLINE", "RemoteOnline", "RemoteOFFLINE", "GuestOnline", "GuestOFFLINE")) {
            lists.put(name, new ArrayList<>());
        }
        for (SNode node : cluster.nodes) {
            if (node.isGuest() && !node.online) {
                continue; // crm_mon leaves out guests whose connection is down
            }
            String status = nodeStatus(node);
            String prefix = node.kind == SNode.Kind.MEMBER ? "" : node.kind == SNode.Kind.REMOTE ? "Remote" : "Guest";
            if (status.equals("online")) {
                lists.get(prefix + "Online").add(node.name);
            } else if (status.equals("OFFLINE")) {
                lists.get(prefix + "OFFLINE").add(node.name);
            } else {
                String kind = node.kind == SNode.Kind.MEMBER ? "Node" : node.kind == SNode.Kind.REMOTE ? "RemoteNode" : "GuestNode";
                out.add("    * " + kind + " " + node.name + ": " + status);
            }
        }
        for (Map.Entry<String, List<String>> e : lists.entrySet()) {
            if (!e.getValue().isEmpty()) {
                out.add("    * " + e.getKey() + ": [ " + String.join(" ", e.getValue()) + " ]");
            }
        }
    }

    static String nodeStatus(SNode node) {
        if (node.unclean) {
            if (node.online || node.inCluster) {
                return "UNCLEAN (online)";
            }
            return node.pending ? "UNCLEAN (pending)" : "UNCLEAN (offline)";
        }
        if (node.pending) {
            return "pending";
        }
        if (node.standbyOnFail && node.online) {
            return "standby (on-fail)";
        }
        if (node.standby && !node.standbyForShutdown) {
            if (node.online) {
                return node.running.isEmpty() ? "standby" : "standby (with active resources)";
            }
            return "OFFLINE (standby)";
        }
        if (node.maintenance) {
            return node.online ? "maintenance" : "OFFLINE (maintenance)";
        }
        if (node.online) {
            return node.healthNote == null ? "online" : "online (health is " + node.healthNote + ")";
        }
        return "OFFLINE";
    }

    // ------------------------------------------------------------------ resources

    private void resources() {
        out.add("  * Full List of Resources:");
        int before = out.size();
        for (Rsc rsc : cluster.resources) {
            if (rsc.orphan && !rsc.isActive() || RemoteNodes.isImplicitConnection(rsc)) {
                continue;
            }
            resource(rsc, "    ");
        }
        if (out.size() == before) {
            out.add("    * No resources");
        }
    }

    private void resource(Rsc rsc, String indent) {
        switch (rsc.variant) {
            case PRIMITIVE -> out.add(indent + "* " + primitiveLine(rsc, rsc.id, true));
            case GROUP -> group(rsc, indent);
            case CLONE -> ClonePrinter.print(this, cluster, rsc, indent, out);
            case BUNDLE -> BundlePrinter.print(this, cluster, rsc, indent, out);
        }
    }

    private void group(Rsc group, String indent) {
        List<String> flags = new ArrayList<>();
        if (!group.managed) {
            flags.add("unmanaged");
        }
        if (group.targetRole == Role.STOPPED) {
            flags.add("disabled");
        }
        out.add(indent + "* Resource Group: " + group.id + (flags.isEmpty() ? "" : " (" + String.join(", ", flags) + ")")
                + ":");
        for (Rsc member : group.children) {
            out.add(indent + "  * " + primitiveLine(member, member.id, true));
        }
    }

    /** A group that is an instance of a clone; anonymous instances show their members' base ids. */
    void groupInstance(Rsc group, String indent, boolean unique, List<String> lines) {
        lines.add(indent + "* Resource Group: " + group.id + ":");
        for (Rsc member : group.children) {
            lines.add(indent + "  * " + primitiveLine(member, unique ? member.id : member.baseId(), true));
        }
    }

    /** One primitive: {@code id\t(class:provider:type):\t Started node (flags)}. */
    String primitiveLine(Rsc rsc, String name, boolean showNodes) {
        SNode node = rsc.runningOn.size() == 1 ? rsc.runningOn.get(0) : null;
        if (node == null && rsc.lockNode != null) {
            node = rsc.lockNode;
        }
        return primitiveLine(rsc, name, showNodes, node);
    }

    /** A primitive shown on a given node (a bundle replica is shown where its container runs). */
    String primitiveLine(Rsc rsc, String name, boolean showNodes, SNode node) {
        StringBuilder s = new StringBuilder();
        s.append(name).append("\t(").append(rsc.agentClass == null ? "unknown" : rsc.agentClass);
        if (rsc.agentProvider != null && "ocf".equals(rsc.agentClass)) {
            s.append(':').append(rsc.agentProvider);
        }
        s.append(':').append(rsc.agentType == null ? "unknown" : rsc.agentType).append("):\t");
        if (rsc.orphan) {
            s.append(" ORPHANED");
        }
        Role role = displayRole(rsc);
        if (rsc.failed) {
            s.append(" FAILED");
            if (role.compareTo(Role.UNPROMOTED) > 0) {
                s.append(' ').append(role.text());
            }
        } else {
            String pending = showPending ? pendingState(rsc) : null;
            s.append(' ').append(pending != null ? pending : role.text());
        }
        if (node != null) {
            s.append(' ').append(node.name);
        }
        if (role == Role.STOPPED) {
            String probeFailure = FailedProbes.description(cluster, rsc, node);
            if (probeFailure != null) {
                s.append(" (").append(probeFailure).append(") ");
            }
        }
        List<String> flags = new ArrayList<>();
        if (node != null && !node.online && !node.inCluster && node.unclean) {
            flags.add("UNCLEAN");
        }
        if (node != null && node == rsc.lockNode) {
            flags.add("LOCKED");
        }
        String pendingTask = showPending ? pendingTask(rsc) : null;
        if (pendingTask != null) {
            flags.add(pendingTask);
        }
        String targetRole = rsc.meta("target-role");
        if (targetRole != null) {
            try {
                Role t = Role.parse(targetRole);
                if (t == Role.STOPPED) {
                    flags.add("disabled");
                } else if (t == Role.UNPROMOTED && rsc.top().isClone() && rsc.top().promotable) {
                    flags.add("target-role:" + targetRole);
                }
            } catch (IllegalArgumentException e) {
                // an unreadable target-role was reported when unpacking
            }
        }
        if (rsc.blocked) {
            flags.add("blocked");
        } else if (!rsc.managed) {
            flags.add("unmanaged");
        }
        if (rsc.failureIgnored) {
            flags.add("failure ignored");
        }
        for (int i = 0; i < flags.size(); i++) {
            s.append(i == 0 ? " (" : ", ").append(flags.get(i));
        }
        if (!flags.isEmpty()) {
            s.append(')');
        }
        if (rsc.runningOn.size() > 1) {
            String desc = rsc.config.description();
            if (desc != null) {
                s.append(" (").append(desc).append(')');
            }
        }
        if (showNodes && rsc.runningOn.size() > 1) {
            s.append(" [");
            for (SNode n : rsc.runningOn) {
                s.append(' ').append(n.name);
            }
            s.append(" ]");
        }
        return s.toString();
    }

    static Role displayRole(Rsc rsc) {
        Role role = rsc.role;
        if (role == Role.STARTED && rsc.top().isClone() && rsc.top().promotable) {
            return Role.UNPROMOTED;
        }
        return role;
    }

    private static String pendingState(Rsc rsc) {
        if (rsc.pendingTask == null) {
            return null;
        }
        return switch (rsc.pendingTask) {
            case "start" -> "Starting";
            case "stop" -> "Stopping";
            case "migrate_to", "migrate_from" -> "Migrating";
            case "promote" -> "Promoting";
            case "demote" -> "Demoting";
            default -> null;
        };
    }

    private static String pendingTask(Rsc rsc) {
        if (rsc.pendingTask == null) {
            return null;
        }
        return switch (rsc.pendingTask) {
            case "monitor" -> "Monitoring";
            case "notify" -> "Notifying";
            case "reload", "reload-agent" -> "Reloading";
            case "cancel" -> "Cancelling";
            case "migrate_to", "migrate_from" -> null;
            default -> null;
        };
    }
}
