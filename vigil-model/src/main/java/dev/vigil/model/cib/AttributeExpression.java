package dev.vigil.model.cib;

/**
 * Compares a node attribute ({@code #uname}, {@code #id}, {@code #kind}, {@code #cluster-name}
 * or any attribute) with a value: operations lt, gt, lte, gte, eq, ne, defined, not_defined;
 * {@code type} string, integer, number or version; {@code valueSource} literal, param or meta.
 */
public record AttributeExpression(String id, String attribute, String operation, String value,
                                  String type, String valueSource) implements Expression {
}
