package dev.vigil.model.cib;

/** Matches a resource by agent class, provider and type (in rsc_defaults/op_defaults rules). */
public record ResourceExpression(String id, String agentClass, String provider, String type)
        implements Expression {
}
