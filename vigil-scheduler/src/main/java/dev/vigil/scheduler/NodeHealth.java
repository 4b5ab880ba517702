package dev.vigil.scheduler;

import dev.vigil.model.Score;
import java.util.Map;

/**
 * Node health ({@code #health-*} node attributes: red, yellow, green or a number) turned into
 * a location score on every resource, according to node-health-strategy.
 */
final class NodeHealth {
    private NodeHealth() {
    }

    static void apply(Cluster cluster) {
        String strategy = cluster.options.nodeHealthStrategy();
        if (strategy.equals("none")) {
            return;
        }
        int base = strategy.equals("progressive") ? cluster.options.nodeHealthBase() : 0;
        int red = cluster.options.nodeHealthRed();
        int yellow = cluster.options.nodeHealthYellow();
        int green = cluster.options.nodeHealthGreen();
        switch (strategy) {
            case "migrate-on-red" -> {
                red = Score.MINUS_INFINITY;
                yellow = 0;
                green = 0;
            }
            case "only-green" -> {
                red = Score.MINUS_INFINITY;
                yellow = Score.MINUS_INFINITY;
                green = 0;
            }
            default -> {
            }
        }
        int index = 0;
        if (strategy.equals("custom")) {
            red = cluster.options.nodeHealthRed();
        }
        for (SNode node : cluster.nodes) {
            int health = base;
            for (Map.Entry<String, String> a : node.attributes.entrySet()) {
                if (!a.getKey().startsWith("#health")) {
                    continue;
                }
                String v = a.getValue().trim().toLowerCase(java.util.Locale.ROOT);
                int s = switch (v) {
                    case "red" -> red;
                    case "yellow" -> yellow;
                    case "green" -> green;
                    default -> Score.parseLenient(v);
                };
                health = Score.add(health, s);
            }
            if (health == 0) {
                continue;
            }
            for (Rsc rsc : cluster.resources) {
                if (health < 0 && Options.isTrue(rsc.meta("allow-unhealthy-nodes"))) {
                    continue;
                }
                cluster.locations.add(index++, new Cluster.LocationRule(strategy, rsc, null, Map.of(node, health), null));
            }
        }
    }

    /** Red if any #health attribute is at or below node-health-red, else yellow likewise. */
    static void noteStates(Cluster cluster) {
        if (cluster.options.nodeHealthStrategy().equals("none")) {
            return;
        }
        int red = cluster.options.nodeHealthRed();
        int yellow = cluster.options.nodeHealthYellow();
        int green = cluster.options.nodeHealthGreen();
        for (SNode node : cluster.nodes) {
            String note = null;
            for (Map.Entry<String, String> a : node.attributes.entrySet()) {
                if (!a.getKey().startsWith("#health")) {
                    continue;
                }
                String v = a.getValue().trim().toLowerCase(java.util.Locale.ROOT);
                int score = switch (v) {
                    case "red" -> red;
                    case "yellow" -> yellow;
                    case "green" -> green;
                    default -> Score.parseLenient(v);
                };
                if (score <= red) {
                    note = "RED";
                    break;
                }
                if (score <= yellow && yellow != green) {
                    note = "YELLOW";
                }
            }
            node.healthNote = note;
        }
    }
}
