package dev.vigil.scheduler;

import java.util.Map;

/**
 * What a rule is evaluated against: a node's attributes (including {@code #uname}, {@code #id},
 * {@code #kind}), the time, and optionally a resource's agent and attributes and an operation.
 * Null members mean "not applicable here": expressions about them do not match.
 */
record RuleContext(Map<String, String> nodeAttributes, long nowEpochSeconds, String agentClass,
                   String agentProvider, String agentType, String opName, Long opIntervalMs,
                   Map<String, String> resourceParams, Map<String, String> resourceMeta, String role) {

    static RuleContext forNode(Map<String, String> nodeAttributes, long now) {
        return new RuleContext(nodeAttributes, now, null, null, null, null, null, null, null, null);
    }

    static RuleContext timeOnly(long now) {
        return new RuleContext(Map.of(), now, null, null, null, null, null, null, null, null);
    }

    RuleContext withResource(String cls, String provider, String type) {
        return new RuleContext(nodeAttributes, nowEpochSeconds, cls, provider, type, opName, opIntervalMs,
                resourceParams, resourceMeta, role);
    }

    RuleContext withOperation(String name, long intervalMs) {
        return new RuleContext(nodeAttributes, nowEpochSeconds, agentClass, agentProvider, agentType, name,
                intervalMs, resourceParams, resourceMeta, role);
    }

    RuleContext withResourceAttributes(Map<String, String> params, Map<String, String> meta) {
        return new RuleContext(nodeAttributes, nowEpochSeconds, agentClass, agentProvider, agentType, opName,
                opIntervalMs, params, meta, role);
    }

    RuleContext withRole(String newRole) {
        return new RuleContext(nodeAttributes, nowEpochSeconds, agentClass, agentProvider, agentType, opName,
                opIntervalMs, resourceParams, resourceMeta, newRole);
    }
}
