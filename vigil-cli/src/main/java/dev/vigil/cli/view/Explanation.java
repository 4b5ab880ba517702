package dev.vigil.cli.view;

import dev.vigil.cli.edit.Suggest;
import dev.vigil.model.Score;
import dev.vigil.scheduler.PlannedChange;
import dev.vigil.scheduler.ScoreContribution;
import dev.vigil.scheduler.SchedulerResult;
import dev.vigil.scheduler.StatusView;
import dev.vigil.scheduler.StatusView.NodeEntry;
import dev.vigil.scheduler.StatusView.ResourceEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a resource runs where it does, from one scheduler run: per node the final score and the
 * named contributions to it, whether the node can take resources at all, the chosen node and,
 * for every other node, the reason it lost. Pure: the scheduler's result and the state in, data out.
 */
public record Explanation(String resource, String runningOn, String chosen, List<NodeScore> nodes,
                          List<String> verdicts) {
    public Explanation {
        nodes = List.copyOf(nodes);
        verdicts = List.copyOf(verdicts);
    }

    /** One node: its final score, why (contributions) and whether it can run resources. */
    public record NodeScore(String node, int score, String scoreText, String nodeState, boolean available,
                            List<Contribution> contributions) {
        public NodeScore {
            contributions = List.copyOf(contributions);
        }
    }

    /** One named contribution in plain words. */
    public record Contribution(String source, int score, String scoreText) {
    }

    /** The final allocation score lines: {@code STAGE: RSC allocation score on NODE: SCORE}. */
    private static final Pattern SCORE_LINE = Pattern.compile("^\\S+: (\\S+) allocation score on (\\S+): (\\S+)$");

    /** The primitives a resource id stands for (a group's members, a clone's instances), in order. */
    public static List<String> primitivesOf(StatusView view, String id) {
        Optional<ResourceEntry> entry = find(view.resources(), id);
        if (entry.isEmpty()) {
            throw new IllegalArgumentException("no resource '" + id + "' in the configuration"
                    + Suggest.hint(id, allIds(view.resources())));
        }
        List<String> out = new ArrayList<>();
        leaves(entry.get(), out);
        return out;
    }

    private static Optional<ResourceEntry> find(List<ResourceEntry> entries, String id) {
        for (ResourceEntry e : entries) {
            if (e.id().equals(id)) {
                return Optional.of(e);
            }
            Optional<ResourceEntry> inner = find(e.children(), id);
            if (inner.isPresent()) {
                return inner;
            }
        }
        return Optional.empty();
    }

    private static List<String> allIds(List<ResourceEntry> entries) {
        List<String> out = new ArrayList<>();
        for (ResourceEntry e : entries) {
            out.add(e.id());
            out.addAll(allIds(e.children()));
        }
        return out;
    }

    private static void leaves(ResourceEntry e, List<String> out) {
        if (e.children().isEmpty()) {
            out.add(e.id());
        } else {
            e.children().forEach(c -> leaves(c, out));
        }
    }

    /**
     * Explains one primitive.
     *
     * @param ruleConstraints the id of the location constraint of each rule id (the scheduler
     *                        names a rule's contribution by the rule), so contributions name constraints
     */
    public static Explanation of(SchedulerResult result, StatusView view, String primitive,
                                 Map<String, String> ruleConstraints) {
        Map<String, Integer> finalScores = finalScores(result, primitive);
        Map<String, List<Contribution>> byNode = new LinkedHashMap<>();
        for (ScoreContribution c : result.contributions()) {
            if (c.resource().equals(primitive)) {
                byNode.computeIfAbsent(c.node(), n -> new ArrayList<>())
                        .add(new Contribution(describe(c.source(), ruleConstraints), c.score(), Score.format(c.score())));
            }
        }
        List<NodeScore> nodes = new ArrayList<>();
        for (NodeEntry n : view.nodes()) {
            int score = finalScores.getOrDefault(n.name(), Score.MINUS_INFINITY);
            boolean available = n.online() && !n.standby() && !n.maintenance() && !n.state().startsWith("UNCLEAN");
            nodes.add(new NodeScore(n.name(), score, Score.format(score), n.state(), available,
                    byNode.getOrDefault(n.name(), List.of())));
        }
        String chosen = result.assignments().get(primitive);
        String running = runningOn(view.resources(), primitive);
        return new Explanation(primitive, running, chosen, nodes, verdicts(nodes, chosen, running));
    }

    private static String runningOn(List<ResourceEntry> entries, String id) {
        for (ResourceEntry e : entries) {
            if (e.id().equals(id)) {
                return e.nodes().isEmpty() ? null : String.join(" ", e.nodes());
            }
            String inner = runningOn(e.children(), id);
            if (inner != null) {
                return inner;
            }
        }
        return null;
    }

    private static Map<String, Integer> finalScores(SchedulerResult result, String primitive) {
        Map<String, Integer> scores = new LinkedHashMap<>();
        for (String line : result.scores()) {
            Matcher m = SCORE_LINE.matcher(line);
            if (m.matches() && m.group(1).equals(primitive)) {
                scores.put(m.group(2), Score.parseLenient(m.group(3))); // the last line for a node is the final one
            }
        }
        return scores;
    }

    /** Constraint ids made by move and ban get their origin named: they are the leftovers people forget. */
    static String describe(String rawSource, Map<String, String> ruleConstraints) {
        String source = rawSource;
        if (source.startsWith("location constraint ")) {
            String id = source.substring("location constraint ".length());
            source = "location constraint " + ruleConstraints.getOrDefault(id, id);
        }
        Matcher group = Pattern.compile("^colocation group:internal_colocation(?: with (\\S+)|: (\\S+) wants to be with it)$")
                .matcher(source);
        if (group.matches()) {
            return group.group(1) != null ? "group member: follows " + group.group(1)
                    : "group member " + group.group(2) + " follows it (its scores count here)";
        }
        Matcher m = Pattern.compile("^location constraint (cli-(prefer|ban)-\\S+)$").matcher(source);
        if (m.matches()) {
            String what = m.group(2).equals("prefer") ? "left by 'resource move'" : "left by 'resource ban'";
            return "location constraint " + m.group(1) + " (" + what + "; 'vigil resource clear' removes it)";
        }
        return source;
    }

    private static List<String> verdicts(List<NodeScore> nodes, String chosen, String running) {
        List<String> out = new ArrayList<>();
        NodeScore winner = nodes.stream().filter(n -> n.node().equals(chosen)).findFirst().orElse(null);
        if (winner == null) {
            out.add("it will not run anywhere: no node can take it (every node is unavailable or has a negative score)");
        } else {
            out.add("it runs on " + chosen + " with the highest score, " + winner.scoreText()
                    + (winner.contributions().isEmpty() ? "" : " (" + strongest(winner) + ")"));
        }
        for (NodeScore n : nodes) {
            if (n.node().equals(chosen)) {
                continue;
            }
            out.add(n.node() + ": " + whyLost(n, winner, running));
        }
        return out;
    }

    private static String whyLost(NodeScore n, NodeScore winner, String running) {
        if (!n.available()) {
            return "cannot run resources: the node is " + n.nodeState();
        }
        if (n.score() <= Score.MINUS_INFINITY) {
            List<String> bans = n.contributions().stream().filter(c -> c.score() <= Score.MINUS_INFINITY)
                    .map(Contribution::source).toList();
            return "banned (-INFINITY)" + (bans.isEmpty() ? "" : " by " + String.join(", ", bans));
        }
        if (n.score() < 0) {
            return "negative score " + n.scoreText() + ": it may not run there";
        }
        if (winner == null) {
            return "score " + n.scoreText() + ", yet no node was chosen";
        }
        if (n.score() < winner.score()) {
            return "lower score, " + n.scoreText() + " against " + winner.scoreText() + " on " + winner.node();
        }
        String tie = winner.node().equals(running) ? winner.node() + " is where it runs now"
                : "ties go to the node with fewer resources, then by name";
        return "same score " + n.scoreText() + " as " + winner.node() + "; " + tie;
    }

    private static String strongest(NodeScore n) {
        Contribution best = n.contributions().get(0);
        for (Contribution c : n.contributions()) {
            if (c.score() > best.score()) {
                best = c;
            }
        }
        return "mostly " + best.source() + " " + best.scoreText();
    }

    /** One planned action with its reason, for {@code explain --transition}. */
    public record PlannedAction(String action, String subject, String where, String reason) {
    }

    /** The planned actions, each with the scheduler's reason or, failing that, one worked out from the scores. */
    public static List<PlannedAction> transition(SchedulerResult result, StatusView view,
                                                 Map<String, String> ruleConstraints) {
        List<PlannedAction> out = new ArrayList<>();
        for (PlannedChange c : result.changes()) {
            String reason = c.reason() == null || c.reason().isEmpty() ? derivedReason(c, result, view, ruleConstraints)
                    : c.reason();
            out.add(new PlannedAction(c.change(), c.subject(), c.details(), reason));
        }
        return out;
    }

    private static String derivedReason(PlannedChange c, SchedulerResult result, StatusView view,
                                        Map<String, String> ruleConstraints) {
        if (c.nodeAction()) {
            return "";
        }
        boolean known = find(view.resources(), c.subject()).isPresent();
        if (!known) {
            return c.change().equals("Stop") ? "it is no longer configured" : "";
        }
        Explanation e = of(result, view, c.subject(), ruleConstraints);
        return switch (c.change()) {
            case "Start" -> (e.runningOn() == null ? "not running; " : "") + e.verdicts().get(0);
            case "Move", "Migrate" -> e.verdicts().get(0);
            case "Stop" -> e.chosen() == null ? e.verdicts().get(0)
                    + e.nodes().stream().filter(n -> n.node().equals(e.runningOn())).findFirst()
                            .map(n -> "; on " + n.node() + ": " + whyLost(n, null, null)).orElse("")
                    : "stopped first, then started again";
            case "Recover" -> "it failed on " + (e.runningOn() == null ? "its node" : e.runningOn())
                    + " and is recovered; " + e.verdicts().get(0);
            case "Restart" -> "it must restart (a changed definition or a resource it depends on restarts)";
            default -> "";
        };
    }
}
