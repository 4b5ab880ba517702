package dev.vigil.model.cib;

import java.util.List;

/**
 * A rule: expressions joined by {@code and}/{@code or}. In a location constraint it yields
 * {@code score} (or the value of the node attribute {@code scoreAttribute}) for the nodes
 * where it holds; in an attribute set it selects whether the set applies.
 */
public record Rule(String id, String idRef, Integer score, String scoreAttribute, String booleanOp,
                   String role, List<Expression> expressions) implements Expression {
    public Rule {
        expressions = List.copyOf(expressions);
    }

    /** True when expressions are joined by {@code or} (the default is {@code and}). */
    public boolean isOr() {
        return "or".equalsIgnoreCase(booleanOp);
    }
}
