package dev.vigil.model.cib;

import java.util.List;

/**
 * One fencing-topology level: for the target (a node name, a name pattern, or a node attribute
 * and value), try {@code devices} together at priority {@code index} (1 first).
 */
public record FencingLevel(String id, String target, String targetPattern, String targetAttribute,
                           String targetValue, int index, List<String> devices) {
    public FencingLevel {
        devices = List.copyOf(devices);
    }
}
