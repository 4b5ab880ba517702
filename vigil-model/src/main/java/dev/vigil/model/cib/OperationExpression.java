package dev.vigil.model.cib;

/** Matches an operation by name and optional interval (in op_defaults rules). */
public record OperationExpression(String id, String name, String interval) implements Expression {
}
