package dev.vigil.cli.edit;

import dev.vigil.model.cib.Configuration;
import dev.vigil.model.cib.Node;
import dev.vigil.model.cib.NvSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Name/value settings outside resources: cluster properties, resource and operation defaults,
 * node attributes (standby, maintenance) and node utilization.
 */
public final class SettingEdits {
    private SettingEdits() {
    }

    /** Sets (empty value: unsets) cluster properties; names and values are checked unless {@code force}. */
    public static CibEdit properties(Map<String, String> values, boolean force) {
        return CibEdit.ofConfiguration(c -> {
            if (!force) {
                Options.check("property", Options.CLUSTER, values);
            }
            return c.withClusterProperties(NvSets.apply(c.clusterProperties(), "cib-bootstrap-options", values,
                    ConfigIds.all(c)));
        });
    }

    /** {@code resource defaults name=value…}: rsc_defaults. */
    public static CibEdit resourceDefaults(Map<String, String> values, boolean force) {
        return CibEdit.ofConfiguration(c -> {
            if (!force) {
                Options.check("resource defaults", Options.RESOURCE_META, values);
            }
            return c.withRscDefaults(NvSets.apply(c.rscDefaults(), "rsc_defaults-meta_attributes", values, ConfigIds.all(c)));
        });
    }

    /** {@code resource op-defaults name=value…}: op_defaults. */
    public static CibEdit opDefaults(Map<String, String> values, boolean force) {
        return CibEdit.ofConfiguration(c -> {
            if (!force) {
                Options.check("resource op-defaults", Options.OP_DEFAULTS, values);
            }
            return c.withOpDefaults(NvSets.apply(c.opDefaults(), "op_defaults-meta_attributes", values, ConfigIds.all(c)));
        });
    }

    /** Permanent node attributes ({@code standby=on}, {@code maintenance=on}) on each node; empty value removes. */
    public static CibEdit nodeAttributes(List<String> nodes, Map<String, String> values) {
        return CibEdit.ofConfiguration(c -> {
            Configuration out = c;
            for (String name : nodes) {
                Node n = requireNode(out, name);
                List<NvSet> sets = NvSets.apply(n.instanceAttributes(), "nodes-" + n.id(), values, ConfigIds.all(out));
                out = replaceNode(out, new Node(n.id(), n.uname(), n.type(), n.description(), n.score(), sets, n.utilization()));
            }
            return out;
        });
    }

    /** Node utilization (capacities); values must be non-negative integers. */
    public static CibEdit nodeUtilization(String name, Map<String, String> values) {
        return CibEdit.ofConfiguration(c -> {
            Node n = requireNode(c, name);
            OperationEdits.requireIntegers("node '" + name + "'", values);
            List<NvSet> sets = NvSets.apply(n.utilization(), "nodes-" + n.id() + "-utilization", values, ConfigIds.all(c));
            return replaceNode(c, new Node(n.id(), n.uname(), n.type(), n.description(), n.score(), n.instanceAttributes(), sets));
        });
    }

    /** The node of that name (or id), or an {@link UnknownIdException} with close names. */
    public static Node requireNode(Configuration c, String name) {
        return c.nodes().stream().filter(n -> name.equals(n.uname()) || name.equals(n.id())).findFirst()
                .orElseThrow(() -> new UnknownIdException("node '" + name + "' is not in the configuration"
                        + Suggest.hint(name, c.nodes().stream().map(Node::uname).filter(java.util.Objects::nonNull).toList())));
    }

    private static Configuration replaceNode(Configuration c, Node node) {
        List<Node> nodes = new ArrayList<>();
        for (Node n : c.nodes()) {
            nodes.add(n.id().equals(node.id()) ? node : n);
        }
        return c.withNodes(nodes);
    }
}
