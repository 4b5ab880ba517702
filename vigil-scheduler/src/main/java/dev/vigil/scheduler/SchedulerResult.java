package dev.vigil.scheduler;

import dev.vigil.model.graph.TransitionGraph;
import java.util.List;

/**
 * What a scheduler run decided: the transition graph, the transition summary, the score
 * lines (crm_simulate {@code -s} format), the named score contributions behind them and any
 * configuration warnings.
 */
public record SchedulerResult(TransitionGraph graph, List<PlannedChange> changes, List<String> scores,
                              List<ScoreContribution> contributions, List<String> warnings) {
    public SchedulerResult {
        changes = List.copyOf(changes);
        scores = List.copyOf(scores);
        contributions = List.copyOf(contributions);
        warnings = List.copyOf(warnings);
    }
}
