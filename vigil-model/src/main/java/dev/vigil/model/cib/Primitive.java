package dev.vigil.model.cib;

import java.util.List;

/**
 * One agent instance: {@code agentClass} (ocf, lsb, systemd, service, stonith…),
 * {@code provider} (OCF only) and {@code type}, or a {@code template} to inherit them from.
 */
public record Primitive(String id, String description, String agentClass, String provider,
                        String type, String template, List<NvSet> instanceAttributes,
                        List<NvSet> metaAttributes, List<NvSet> utilization, Operations operations)
        implements Resource {
    public Primitive {
        instanceAttributes = List.copyOf(instanceAttributes);
        metaAttributes = List.copyOf(metaAttributes);
        utilization = List.copyOf(utilization);
        operations = operations == null ? Operations.NONE : operations;
    }

    @Override
    public List<Resource> children() {
        return List.of();
    }

    /** The agent as {@code class:provider:type} or {@code class:type}. */
    public String agent() {
        return provider == null ? agentClass + ":" + type : agentClass + ":" + provider + ":" + type;
    }
}
