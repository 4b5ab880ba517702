package dev.vigil.model.graph;

import java.util.List;
import java.util.Map;

/**
 * A transition graph: synapses in firing-preference order and graph-wide settings
 * ({@code batch-limit}, {@code cluster-delay}, {@code stonith-timeout}…).
 */
public record TransitionGraph(Map<String, String> settings, List<Synapse> synapses) {
    public static final TransitionGraph EMPTY = new TransitionGraph(Map.of(), List.of());

    public TransitionGraph {
        settings = settings == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(settings));
        synapses = List.copyOf(synapses);
    }

    public boolean isEmpty() {
        return synapses.isEmpty();
    }
}
