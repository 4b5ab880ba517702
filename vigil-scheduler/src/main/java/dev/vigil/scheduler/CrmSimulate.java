package dev.vigil.scheduler;

import dev.vigil.model.cib.Cib;
import dev.vigil.model.graph.GraphAction;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * crm_simulate's reports: the {@code -S} summary (current status, transition summary, the
 * simulated execution, revised status) and the {@code -s} score lines.
 */
public final class CrmSimulate {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private CrmSimulate() {
    }

    /** The report of one run, and the CIB after simulating its transition. */
    public record Report(String summary, List<String> scores, SchedulerResult result, Cib revised) {
    }

    public static Report run(ClusterSnapshot snapshot) {
        // The current status is what the history says, before the scheduler decides anything.
        Cluster cluster = Unpacker.unpack(snapshot);
        List<String> current = StatusPrinter.print(cluster, true);
        Scheduler.schedule(cluster);
        List<String> scores = new ArrayList<>(cluster.trace.lines);
        List<PlannedChange> changes = TransitionSummary.of(cluster);
        var graph = GraphBuilder.build(cluster);
        SchedulerResult result = new SchedulerResult(graph, changes, scores, List.of(), cluster.warnings,
                Scheduler.assignments(cluster));

        StringBuilder out = new StringBuilder();
        String dateLine = dateLine(snapshot);
        if (cluster.cib.get("validate-with") != null && cluster.cib.get("validate-with").equals("none")) {
            out.append("Schema validation of configuration is disabled (enabling is encouraged and prevents common misconfigurations)\n");
        }
        if (dateLine != null) {
            out.append(dateLine).append('\n');
        }
        boolean printed = false;
        if (cluster.options.maintenanceMode()) {
            out.append("\n              *** Resource management is DISABLED ***\n"
                    + "  The cluster will not attempt to start, stop or recover services\n");
            printed = true;
        }
        int[] counts = instanceCounts(cluster);
        if (counts[1] > 0 || counts[2] > 0) {
            if (printed) {
                out.append('\n');
            }
            out.append(counts[1]).append(" of ").append(counts[0]).append(" resource instances DISABLED and ")
                    .append(counts[2]).append(" BLOCKED from further action due to failure\n");
            printed = true;
        }
        if (printed) {
            out.append('\n');
        }
        out.append("Current cluster status:\n");
        current.forEach(l -> out.append(l).append('\n'));
        out.append("\nTransition Summary:\n");
        for (String line : formatChanges(changes)) {
            out.append(line).append('\n');
        }
        out.append("\nExecuting Cluster Transition:\n");
        List<GraphAction> fired = GraphSimulator.fireOrder(graph);
        StatusInjector injector = StatusInjector.on(snapshot.cib(), snapshot.now().getEpochSecond());
        for (GraphAction a : fired) {
            out.append(GraphSimulator.describe(a)).append('\n');
            injector.inject(a);
        }
        Cib revised = injector.result();
        if (dateLine != null) {
            out.append(dateLine).append('\n');
        }
        out.append("\nRevised Cluster Status:\n");
        Cluster after = Unpacker.unpack(new ClusterSnapshot(revised, snapshot.now()));
        StatusPrinter.print(after, false).forEach(l -> out.append(l).append('\n'));
        return new Report(out.toString(), scores, result, revised);
    }

    /** Primitive instances: how many, how many disabled (target-role), how many blocked. */
    private static int[] instanceCounts(Cluster cluster) {
        int[] counts = new int[3];
        for (Rsc top : cluster.resources) {
            for (Rsc p : top.primitives()) {
                if (p.orphan && !p.isActive()) {
                    continue;
                }
                counts[0]++;
                if (isDisabled(p)) {
                    counts[1]++;
                }
                if (p.blocked) {
                    counts[2]++;
                }
            }
        }
        return counts;
    }

    private static boolean isDisabled(Rsc rsc) {
        String target = rsc.meta("target-role");
        if (target == null) {
            return false;
        }
        if (target.equalsIgnoreCase("stopped")) {
            return true;
        }
        Rsc top = rsc.top();
        return top.isClone() && top.promotable
                && (target.equalsIgnoreCase("unpromoted") || target.equalsIgnoreCase("slave"));
    }

    private static String dateLine(ClusterSnapshot snapshot) {
        String date = snapshot.cib().get("execution-date");
        if (date == null) {
            return null;
        }
        try {
            long seconds = Long.parseLong(date.trim());
            return "Using the original execution date of: " + DATE.format(Instant.ofEpochSecond(seconds));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Transition summary lines with crm_simulate's column alignment. */
    public static List<String> formatChanges(List<PlannedChange> changes) {
        int rscWidth = 5;
        int detailWidth = 5;
        for (PlannedChange c : changes) {
            if (c.nodeAction()) {
                continue;
            }
            if (c.subject().length() > rscWidth) {
                rscWidth = c.subject().length() + 2;
            }
            detailWidth = Math.max(detailWidth, c.details().length());
        }
        List<String> lines = new ArrayList<>();
        for (PlannedChange c : changes) {
            if (c.nodeAction()) {
                // crm_simulate prints node actions only when they carry a reason.
                if (!c.reason().isEmpty()) {
                    lines.add("  * " + c.change() + " " + c.subject() + " '" + c.reason() + "'");
                }
                continue;
            }
            lines.add(String.format("  * %-8s   %-" + rscWidth + "s   ( %" + detailWidth + "s )%s", c.change(), c.subject(),
                    c.details(), c.reason().isEmpty() ? "" : "  " + c.reason()));
        }
        return lines;
    }
}
