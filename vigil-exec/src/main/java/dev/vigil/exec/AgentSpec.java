package dev.vigil.exec;

import java.util.Locale;
import java.util.Set;

/**
 * An agent as the CIB names it: {@code ocf:provider:type}, {@code lsb:name},
 * {@code systemd:unit}, {@code service:name} (systemd when it runs, else LSB) or
 * {@code stonith:fence_agent}. {@code provider} is set for OCF only.
 */
public record AgentSpec(String agentClass, String provider, String type) {
    public static final String OCF = "ocf";
    public static final String LSB = "lsb";
    public static final String SYSTEMD = "systemd";
    public static final String SERVICE = "service";
    public static final String STONITH = "stonith";
    private static final Set<String> CLASSES = Set.of(OCF, LSB, SYSTEMD, SERVICE, STONITH);

    public AgentSpec {
        if (agentClass == null || !CLASSES.contains(agentClass)) {
            throw new IllegalArgumentException("unknown agent class '" + agentClass
                    + "' (expected one of ocf, lsb, systemd, service, stonith)");
        }
        if (OCF.equals(agentClass)) {
            checkName("provider", provider, agentClass);
        } else if (provider != null) {
            throw new IllegalArgumentException("agent class " + agentClass + " takes no provider (got '" + provider + "')");
        }
        checkName("type", type, agentClass);
    }

    /**
     * Parses {@code class:provider:type} or {@code class:type}; the class is matched without
     * regard to case.
     *
     * @throws IllegalArgumentException naming the text when it is not an agent
     */
    public static AgentSpec parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("missing agent (e.g. ocf:heartbeat:Dummy)");
        }
        String[] parts = text.trim().split(":", -1);
        String cls = parts[0].toLowerCase(Locale.ROOT);
        try {
            if (parts.length == 3 && OCF.equals(cls)) {
                return new AgentSpec(cls, parts[1], parts[2]);
            }
            if (parts.length == 2 && !OCF.equals(cls)) {
                return new AgentSpec(cls, null, parts[1]);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not an agent: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("'" + text + "' is not an agent "
                + "(expected ocf:PROVIDER:TYPE, lsb:NAME, systemd:UNIT, service:NAME or stonith:TYPE)");
    }

    public static AgentSpec ocf(String provider, String type) {
        return new AgentSpec(OCF, provider, type);
    }

    public static AgentSpec lsb(String name) {
        return new AgentSpec(LSB, null, name);
    }

    public static AgentSpec systemd(String unit) {
        return new AgentSpec(SYSTEMD, null, unit);
    }

    public static AgentSpec stonith(String type) {
        return new AgentSpec(STONITH, null, type);
    }

    @Override
    public String toString() {
        return provider == null ? agentClass + ":" + type : agentClass + ":" + provider + ":" + type;
    }

    // Names become path components; refuse anything that could leave the agent directory.
    private static void checkName(String what, String value, String cls) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing " + what + " for a " + cls + " agent");
        }
        if (value.contains("/") || value.equals(".") || value.equals("..") || value.chars().anyMatch(
                c -> Character.isWhitespace(c) || Character.isISOControl(c) || c == ':')) {
            throw new IllegalArgumentException("bad agent " + what + " '" + value + "'");
        }
    }
}
