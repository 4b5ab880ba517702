package dev.vigil.model.cib;

/** One test inside a rule. */
public sealed interface Expression
        permits Rule, AttributeExpression, DateExpression, OperationExpression, ResourceExpression {
    String id();
}
