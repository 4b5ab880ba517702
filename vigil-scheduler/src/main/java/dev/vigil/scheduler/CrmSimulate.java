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
        Cluster cluster = Scheduler.run(snapshot);
        List<String> scores = new ArrayList<>(cluster.trace.lines);
        List<String> current = StatusPrinter.print(Unpacker.unpack(snapshot));
        List<PlannedChange> changes = TransitionSummary.of(cluster);
        var graph = GraphBuilder.build(cluster);
        SchedulerResult result = new SchedulerResult(graph, changes, scores, List.of(), cluster.warnings);

        StringBuilder out = new StringBuilder();
        String dateLine = dateLine(snapshot);
        if (cluster.cib.get("validate-with") != null && cluster.cib.get("validate-with").equals("none")) {
            out.append("Schema validation of configuration is disabled (enabling is encouraged and prevents common misconfigurations)\n");
        }
        if (dateLine != null) {
            out.append(dateLine).append('\n');
        }
        out.append("Current cluster status:\n");
        current.forEach(l -> out.append(l).append('\n'));
        out.append("\nTransition Summary:\n");
        for (String line : formatChanges(changes)) {
            out.append(line).append('\n');
        }
        out.append("\nExecuting Cluster Transition:\n");
        List<GraphAction> fired = GraphSimulator.fireOrder(graph);
        for (GraphAction a : fired) {
            out.append(GraphSimulator.describe(a)).append('\n');
        }
        Cib revised = StatusInjector.apply(snapshot.cib(), fired, snapshot.now().getEpochSecond());
        if (dateLine != null) {
            out.append(dateLine).append('\n');
        }
        out.append("\nRevised Cluster Status:\n");
        Cluster after = Unpacker.unpack(new ClusterSnapshot(revised, snapshot.now()));
        StatusPrinter.print(after).forEach(l -> out.append(l).append('\n'));
        return new Report(out.toString(), scores, result, revised);
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
                if (c.change().equals("Shutdown")) {
                    lines.add("  * Shutdown " + c.subject());
                } else {
                    lines.add("  * " + c.change() + " " + c.subject() + (c.reason().isEmpty() ? "" : " '" + c.reason() + "'"));
                }
                continue;
            }
            lines.add(String.format("  * %-8s   %-" + rscWidth + "s   ( %" + detailWidth + "s )%s", c.change(), c.subject(),
                    c.details(), c.reason().isEmpty() ? "" : "  " + c.reason()));
        }
        return lines;
    }
}
