package dev.vigil.model.cib;

import java.util.List;

/**
 * A configured node: {@code type} member (default), remote or ping; permanent attributes and
 * utilization capacities as attribute sets; {@code score} is an optional base score.
 */
public record Node(String id, String uname, String type, String description, String score,
                   List<NvSet> instanceAttributes, List<NvSet> utilization) {
    public Node {
        instanceAttributes = List.copyOf(instanceAttributes);
        utilization = List.copyOf(utilization);
    }
}
