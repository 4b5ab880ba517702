package dev.vigil.model.graph;

import java.util.List;

/** An action with the ids of the actions it waits for. Higher priority fires first among ready ones. */
public record Synapse(int id, int priority, GraphAction action, List<Integer> inputs) {
    public Synapse {
        inputs = List.copyOf(inputs);
    }
}
