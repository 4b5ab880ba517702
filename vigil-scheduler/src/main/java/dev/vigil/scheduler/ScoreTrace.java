package dev.vigil.scheduler;

import dev.vigil.model.Score;
import java.util.ArrayList;
import java.util.List;

/**
 * The score lines of a run, in crm_simulate's {@code -s} format
 * ({@code pcmk__primitive_assign: web allocation score on node1: 100}), plus the named
 * contributions that {@code vigil explain} shows.
 */
final class ScoreTrace {
    /** One named contribution to a resource's score on a node. */
    record Contribution(String resource, String node, String source, int score) {
    }

    final List<String> lines = new ArrayList<>();
    final List<Contribution> contributions = new ArrayList<>();

    void allocation(String stage, String rsc, String node, int score) {
        lines.add(stage + ": " + rsc + " allocation score on " + node + ": " + Score.format(score));
    }

    void promotion(String stage, String rsc, String node, int score) {
        lines.add(stage + ": " + rsc + " promotion score on " + node + ": " + Score.format(score));
    }

    void line(String text) {
        lines.add(text);
    }

    void contribute(String rsc, String node, String source, int score) {
        contributions.add(new Contribution(rsc, node, source, score));
    }
}
