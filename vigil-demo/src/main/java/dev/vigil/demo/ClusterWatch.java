package dev.vigil.demo;

import dev.vigil.api.ApiTypes;
import dev.vigil.controller.status.ActiveResources;
import dev.vigil.model.cib.Cib;
import dev.vigil.model.cib.NodeState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the demo shows, read from the running daemons: which daemons run, the membership and DC
 * as a live node sees them, where each resource is active (from the DC's CIB), the fencing
 * history (from a controller) and what the service answers. {@link #changesSince} turns two readings
 * into lines for the admin.
 */
record ClusterWatch(List<String> running, List<String> members, String dc, Map<String, List<String>> activeOn,
                    List<ApiTypes.FenceEvent> fencing, String answer) {

    static ClusterWatch read(LocalCluster cluster, String ip, int port) {
        List<String> running = cluster.alive();
        List<String> members = List.of();
        String dc = null;
        Map<String, List<String>> activeOn = new TreeMap<>();
        List<ApiTypes.FenceEvent> fencing = List.of();
        for (String n : running) {
            try {
                ApiTypes.ClusterStatus s = cluster.status(n);
                members = s.nodes().stream().filter(ApiTypes.NodeInfo::online).map(ApiTypes.NodeInfo::name).toList();
                dc = s.dc();
                Cib cib = cluster.cib(dc != null && running.contains(dc) ? dc : n);
                for (NodeState state : cib.status().nodes()) {
                    for (String rsc : ActiveResources.on(state)) {
                        activeOn.computeIfAbsent(rsc, k -> new ArrayList<>()).add(state.uname());
                    }
                }
                fencing = cluster.controllerStatus(n).fencing();
                break;
            } catch (RuntimeException e) {
                // this node is going away; ask the next one
            }
        }
        return new ClusterWatch(running, members, dc, activeOn, fencing, HttpProbe.get(ip, port, 300));
    }

    /** Lines describing what changed since {@code before} (everything, when it is null). */
    List<String> changesSince(ClusterWatch before) {
        List<String> lines = new ArrayList<>();
        if (before != null) {
            for (String n : before.running) {
                if (!running.contains(n)) {
                    lines.add(n + ": its daemon is no longer running");
                }
            }
        }
        if (before == null || !members.equals(before.members) || !Objects.equals(dc, before.dc)) {
            lines.add("membership: " + (members.isEmpty() ? "(no answer)" : String.join(" ", members))
                    + (dc == null ? ", no DC (no quorum)" : ", DC " + dc));
        }
        for (ApiTypes.FenceEvent f : fencing) {
            if (before == null || !before.fencing.contains(f)) {
                lines.add(f.target() + ": " + (f.success() ? "fenced (" + f.action() + ") by " + f.executor() + " with "
                        + String.join(", ", f.devices()) : "fencing (" + f.action() + ") by " + f.executor()
                        + " failed: " + f.reason()) + " in " + (f.completedAtMillis() - f.startedAtMillis()) + " ms");
            }
        }
        for (Map.Entry<String, List<String>> e : activeOn.entrySet()) {
            List<String> was = before == null ? null : before.activeOn.get(e.getKey());
            if (!e.getValue().equals(was)) {
                lines.add(e.getKey() + ": active on " + String.join(", ", e.getValue()));
            }
        }
        if (before != null) {
            for (String rsc : before.activeOn.keySet()) {
                if (!activeOn.containsKey(rsc)) {
                    lines.add(rsc + ": stopped");
                }
            }
        }
        if (before == null || !Objects.equals(answer, before.answer)) {
            lines.add("service: " + (answer == null ? "no answer" : "answers \"" + answer + "\""));
        }
        return lines;
    }
}
