package dev.vigil.scheduler;

import dev.vigil.model.graph.TransitionGraph;
import java.util.List;
import java.util.Map;

/**
 * What a scheduler run decided: the transition graph, the transition summary, the score
 * lines (crm_simulate {@code -s} format), the named score contributions behind them and any
 * configuration warnings, and where each primitive was assigned ({@code assignments}: resource id
 * to node name; a resource that will not run is absent).
 */
public record SchedulerResult(TransitionGraph graph, List<PlannedChange> changes, List<String> scores,
                              List<ScoreContribution> contributions, List<String> warnings,
                              Map<String, String> assignments) {
    public SchedulerResult {
        assignments = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(assignments));
        changes = List.copyOf(changes);
        scores = List.copyOf(scores);
        contributions = List.copyOf(contributions);
        warnings = List.copyOf(warnings);
    }
}
