package dev.vigil.cli.view;

import java.util.List;

/** {@code vigil explain} as text. Pure. */
public final class ExplainText {
    private ExplainText() {
    }

    public static String render(List<Explanation> explanations) {
        StringBuilder b = new StringBuilder();
        for (Explanation e : explanations) {
            if (b.length() > 0) {
                b.append('\n');
            }
            b.append("Resource ").append(e.resource()).append(": ")
                    .append(e.runningOn() == null ? "not running" : "running on " + e.runningOn()).append(", ")
                    .append(e.chosen() == null ? "will be stopped" : "will run on " + e.chosen()).append('\n');
            for (Explanation.NodeScore n : e.nodes()) {
                b.append("  ").append(n.node()).append(": score ").append(n.scoreText());
                if (!n.available()) {
                    b.append(" (node ").append(n.nodeState()).append(": cannot run resources)");
                }
                if (n.node().equals(e.chosen())) {
                    b.append("  <- chosen");
                }
                b.append('\n');
                for (Explanation.Contribution c : n.contributions()) {
                    b.append("      ").append(String.format("%9s", signed(c))).append("  ").append(c.source()).append('\n');
                }
            }
            b.append("  Why:\n");
            for (String v : e.verdicts()) {
                b.append("    ").append(v).append('\n');
            }
        }
        return b.toString();
    }

    private static String signed(Explanation.Contribution c) {
        return c.score() > 0 ? "+" + c.scoreText() : c.scoreText();
    }

    public static String renderTransition(List<Explanation.PlannedAction> actions) {
        if (actions.isEmpty()) {
            return "Nothing to do: every resource is where it should be.\n";
        }
        StringBuilder b = new StringBuilder("Planned actions:\n");
        for (Explanation.PlannedAction a : actions) {
            b.append("  * ").append(a.action()).append(' ').append(a.subject());
            if (!a.where().isEmpty()) {
                b.append(" (").append(a.where()).append(')');
            }
            if (!a.reason().isEmpty()) {
                b.append(": ").append(a.reason());
            }
            b.append('\n');
        }
        return b.toString();
    }
}
