package dev.vigil.model.cib;

import java.util.List;

/**
 * The {@code configuration} section. {@code acls} and {@code alerts} are kept as elements
 * (null when absent); every list keeps document order.
 */
public record Configuration(List<NvSet> clusterProperties, List<NvSet> rscDefaults,
                            List<NvSet> opDefaults, List<Node> nodes, List<Resource> resources,
                            List<Template> templates, List<Constraint> constraints,
                            List<FencingLevel> fencingTopology, List<Tag> tags,
                            XmlElement alerts, XmlElement acls) {
    public static final Configuration EMPTY = new Configuration(List.of(), List.of(), List.of(),
            List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), null, null);

    public Configuration {
        clusterProperties = List.copyOf(clusterProperties);
        rscDefaults = List.copyOf(rscDefaults);
        opDefaults = List.copyOf(opDefaults);
        nodes = List.copyOf(nodes);
        resources = List.copyOf(resources);
        templates = List.copyOf(templates);
        constraints = List.copyOf(constraints);
        fencingTopology = List.copyOf(fencingTopology);
        tags = List.copyOf(tags);
    }

    public Configuration withResources(List<Resource> newResources) {
        return new Configuration(clusterProperties, rscDefaults, opDefaults, nodes, newResources,
                templates, constraints, fencingTopology, tags, alerts, acls);
    }

    public Configuration withConstraints(List<Constraint> newConstraints) {
        return new Configuration(clusterProperties, rscDefaults, opDefaults, nodes, resources,
                templates, newConstraints, fencingTopology, tags, alerts, acls);
    }

    public Configuration withNodes(List<Node> newNodes) {
        return new Configuration(clusterProperties, rscDefaults, opDefaults, newNodes, resources,
                templates, constraints, fencingTopology, tags, alerts, acls);
    }

    public Configuration withClusterProperties(List<NvSet> newProperties) {
        return new Configuration(newProperties, rscDefaults, opDefaults, nodes, resources,
                templates, constraints, fencingTopology, tags, alerts, acls);
    }

    public Configuration withRscDefaults(List<NvSet> newDefaults) {
        return new Configuration(clusterProperties, newDefaults, opDefaults, nodes, resources,
                templates, constraints, fencingTopology, tags, alerts, acls);
    }

    public Configuration withOpDefaults(List<NvSet> newDefaults) {
        return new Configuration(clusterProperties, rscDefaults, newDefaults, nodes, resources,
                templates, constraints, fencingTopology, tags, alerts, acls);
    }

    public Configuration withFencingTopology(List<FencingLevel> levels) {
        return new Configuration(clusterProperties, rscDefaults, opDefaults, nodes, resources,
                templates, constraints, levels, tags, alerts, acls);
    }
}
