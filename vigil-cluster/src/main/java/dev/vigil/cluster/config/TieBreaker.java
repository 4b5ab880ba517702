package dev.vigil.cluster.config;

import java.util.List;
import java.util.Objects;

/**
 * {@code quorum.auto_tie_breaker_node}: which half of an even split keeps quorum.
 *
 * @param kind    lowest (the default), highest, or a list of node ids
 * @param nodeIds for {@link Kind#LIST}, the node ids in order of preference; empty otherwise
 */
public record TieBreaker(Kind kind, List<Integer> nodeIds) {
    public enum Kind { LOWEST, HIGHEST, LIST }

    public static final TieBreaker LOWEST = new TieBreaker(Kind.LOWEST, List.of());
    public static final TieBreaker HIGHEST = new TieBreaker(Kind.HIGHEST, List.of());

    public TieBreaker {
        Objects.requireNonNull(kind, "kind");
        nodeIds = List.copyOf(nodeIds);
        if ((kind == Kind.LIST) == nodeIds.isEmpty()) {
            throw new ConfigException("auto_tie_breaker_node: a list needs node ids, lowest/highest take none");
        }
    }

    /** A preference list of node ids. */
    public static TieBreaker list(List<Integer> nodeIds) {
        return new TieBreaker(Kind.LIST, nodeIds);
    }

    /** The text used in the file: {@code lowest}, {@code highest} or the ids separated by spaces. */
    public String configValue() {
        return switch (kind) {
            case LOWEST -> "lowest";
            case HIGHEST -> "highest";
            case LIST -> String.join(" ", nodeIds.stream().map(String::valueOf).toList());
        };
    }
}
