package dev.vigil.cli.view;

import dev.vigil.api.ApiTypes.FenceEvent;
import dev.vigil.scheduler.StatusView.FailedAction;
import dev.vigil.scheduler.StatusView.NodeEntry;
import dev.vigil.scheduler.StatusView.PendingAction;
import dev.vigil.scheduler.StatusView.ResourceEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@code vigil status} as text, in crm_mon's layout. Pure: a report in, lines out. */
public final class StatusText {
    private StatusText() {
    }

    /** Which parts to show. */
    public record Options(boolean brief, boolean inactive) {
    }

    public static String render(StatusReport r, Options options) {
        List<String> out = new ArrayList<>();
        if (!options.brief()) {
            summary(r, out);
            out.add("");
        }
        nodes(r, out);
        out.add("");
        resources(r, options, out);
        failed(r, out);
        pending(r, out);
        fencing(r, out);
        return String.join("\n", out) + "\n";
    }

    private static void summary(StatusReport r, List<String> out) {
        out.add("Cluster Summary:");
        if (r.cluster() != null) {
            out.add("  * Cluster: " + r.cluster());
        }
        out.add("  * Source: " + r.source());
        String quorum = r.quorum() ? "partition with quorum" : "partition WITHOUT quorum";
        out.add("  * Current DC: " + (r.dc() == null ? "NONE" : r.dc()) + " (" + quorum + ")");
        if (r.quorumReason() != null) {
            out.add("  * Quorum: " + r.quorumReason());
        }
        out.add("  * CIB version: " + r.cibVersion());
        out.add("  * " + r.view().nodes().size() + " node" + plural(r.view().nodes().size()) + " configured");
        int instances = r.view().resources().stream().mapToInt(StatusText::primitives).sum();
        out.add("  * " + instances + " resource instance" + plural(instances) + " configured");
    }

    private static int primitives(ResourceEntry e) {
        return e.children().isEmpty() ? 1 : e.children().stream().mapToInt(StatusText::primitives).sum();
    }

    private static void nodes(StatusReport r, List<String> out) {
        out.add("Node List:");
        List<String> online = new ArrayList<>();
        List<String> offline = new ArrayList<>();
        List<String> other = new ArrayList<>();
        for (NodeEntry n : r.view().nodes()) {
            String dc = n.dc() ? " (DC)" : "";
            switch (n.state()) {
                case "online" -> online.add(n.name() + dc);
                case "OFFLINE" -> offline.add(n.name());
                default -> other.add("  * Node " + n.name() + ": " + n.state() + dc);
            }
        }
        if (!online.isEmpty()) {
            out.add("  * Online: [ " + String.join(" ", online) + " ]");
        }
        if (!offline.isEmpty()) {
            out.add("  * OFFLINE: [ " + String.join(" ", offline) + " ]");
        }
        out.addAll(other);
        if (r.view().nodes().isEmpty()) {
            out.add("  * No nodes");
        }
    }

    private static void resources(StatusReport r, Options options, List<String> out) {
        out.add(options.inactive() ? "Full List of Resources:" : "Active Resources:");
        int before = out.size();
        for (ResourceEntry e : r.view().resources()) {
            if (options.inactive() || e.active()) {
                if (options.brief()) {
                    out.add("  * " + briefLine(e));
                } else {
                    resource(e, "  ", out);
                }
            }
        }
        if (out.size() == before) {
            out.add(r.view().resources().isEmpty() ? "  * No resources" : "  * No active resources");
        }
    }

    /** One line per top-level resource: id, kind, where it runs. */
    static String briefLine(ResourceEntry e) {
        List<String> nodes = new ArrayList<>();
        collectNodes(e, nodes);
        String where = nodes.isEmpty() ? "Stopped" : "Started " + String.join(" ", nodes.stream().distinct().toList());
        String kind = e.kind().equals("primitive") ? e.agent() : e.kind();
        return e.id() + " (" + kind + "): " + where + (anyFailed(e) ? " FAILED" : "") + flags(e);
    }

    private static void collectNodes(ResourceEntry e, List<String> nodes) {
        nodes.addAll(e.nodes());
        e.children().forEach(c -> collectNodes(c, nodes));
    }

    private static boolean anyFailed(ResourceEntry e) {
        return e.failed() || e.children().stream().anyMatch(StatusText::anyFailed);
    }

    private static void resource(ResourceEntry e, String indent, List<String> out) {
        switch (e.kind()) {
            case "primitive" -> out.add(indent + "* " + primitiveLine(e));
            case "group" -> {
                out.add(indent + "* Resource Group: " + e.id() + flags(e) + ":");
                e.children().forEach(c -> resource(c, indent + "  ", out));
            }
            default -> {
                List<String> flags = new ArrayList<>(e.flags());
                if (e.kind().startsWith("promotable")) {
                    flags.add(0, "promotable");
                }
                String label = e.kind().equals("bundle") ? "Container bundle set" : "Clone Set";
                out.add(indent + "* " + label + ": " + e.id() + (flags.isEmpty() ? "" : " (" + String.join(", ", flags) + ")")
                        + ":");
                e.children().forEach(c -> resource(c, indent + "  ", out));
            }
        }
    }

    static String primitiveLine(ResourceEntry e) {
        boolean promoted = e.role().equals("Promoted");
        String state = e.failed() ? (promoted ? "FAILED Promoted" : "FAILED") : e.role();
        String where = e.nodes().isEmpty() ? "" : " " + String.join(" ", e.nodes());
        return e.id() + "\t(" + e.agent() + "):\t " + state + where + flags(e);
    }

    private static String flags(ResourceEntry e) {
        return e.flags().isEmpty() ? "" : " (" + String.join(", ", e.flags()) + ")";
    }

    private static void failed(StatusReport r, List<String> out) {
        if (r.view().failedActions().isEmpty()) {
            return;
        }
        out.add("");
        out.add("Failed Resource Actions:");
        for (FailedAction f : r.view().failedActions()) {
            String name = f.resource() + "_" + f.operation() + "_" + f.intervalMs();
            String reason = f.exitReason() == null || f.exitReason().isEmpty() ? "" : " (" + f.exitReason() + ")";
            String when = f.lastChangeEpochSeconds() > 0
                    ? ", last change " + Instant.ofEpochSecond(f.lastChangeEpochSeconds()) : "";
            out.add("  * " + name + " on " + f.node() + " '" + f.result() + "' (" + f.rc() + ")" + reason + when);
        }
    }

    private static void pending(StatusReport r, List<String> out) {
        if (r.view().pendingActions().isEmpty()) {
            return;
        }
        out.add("");
        out.add("Pending Resource Actions:");
        for (PendingAction p : r.view().pendingActions()) {
            out.add("  * " + p.resource() + " " + p.operation() + (p.node().isEmpty() ? "" : " on " + p.node()));
        }
    }

    private static void fencing(StatusReport r, List<String> out) {
        if (r.fencing().isEmpty()) {
            return;
        }
        out.add("");
        out.add("Fencing History:");
        for (FenceEvent f : r.fencing()) {
            String when = Instant.ofEpochMilli(f.completedAtMillis() > 0 ? f.completedAtMillis() : f.startedAtMillis())
                    .toString();
            out.add("  * " + f.action() + " of " + f.target() + (f.success() ? " successful" : " failed")
                    + ": executor=" + f.executor() + ", origin=" + f.origin() + ", " + when
                    + (f.reason() == null || f.reason().isEmpty() ? "" : " (" + f.reason() + ")"));
        }
    }

    private static String plural(int n) {
        return n == 1 ? "" : "s";
    }
}
