package dev.vigil.daemon.api;

import dev.vigil.api.ApiError;
import dev.vigil.api.ApiException;
import dev.vigil.api.ApiTypes;
import dev.vigil.cib.NodeAttributes;
import dev.vigil.cib.NodeAttributes.Lifetime;
import dev.vigil.cluster.config.ClusterConfig;
import dev.vigil.cluster.config.NodeConfig;
import dev.vigil.daemon.core.ReplicatedCib;
import dev.vigil.model.cib.CibVersion;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code node.attribute}: reads, sets or deletes a node attribute of any node of the nodelist,
 * from any node. Transient ones ({@code reboot}) need the node to be a member.
 */
public final class NodeAttributeHandler implements ApiHandler<ApiTypes.NodeAttributeArgs> {
    private final ClusterConfig config;
    private final ReplicatedCib cib;

    public NodeAttributeHandler(ClusterConfig config, ReplicatedCib cib) {
        this.config = config;
        this.cib = cib;
    }

    @Override
    public String type() {
        return ApiTypes.NODE_ATTRIBUTE;
    }

    @Override
    public Class<ApiTypes.NodeAttributeArgs> argsType() {
        return ApiTypes.NodeAttributeArgs.class;
    }

    @Override
    public Object handle(ApiTypes.NodeAttributeArgs args, Caller caller) {
        NodeConfig node = node(args.node());
        String name = args.name();
        if (name == null || name.isBlank()) {
            throw new ApiException(ApiError.BAD_REQUEST, "node.attribute: field 'name' is missing");
        }
        Lifetime lifetime = lifetime(args.lifetime());
        boolean delete = Boolean.TRUE.equals(args.delete());
        if (delete && args.value() != null) {
            throw new ApiException(ApiError.BAD_REQUEST, "node.attribute: give a value or delete, not both");
        }
        String lifetimeWord = lifetime.name().toLowerCase(Locale.ROOT);
        if (!delete && args.value() == null) {
            Optional<String> value = NodeAttributes.get(cib.current(), node.name(), name, lifetime);
            if (value.isEmpty()) {
                throw new ApiException(ApiError.NOT_FOUND, "attribute '" + name + "' is not set on " + node.name()
                        + " (lifetime " + lifetimeWord + ")");
            }
            return new ApiTypes.NodeAttributeResult(node.name(), name, value.get(), lifetimeWord, cib.current().version().toString());
        }
        String description = delete ? "delete node attribute " + name + " of " + node.name()
                : "set node attribute " + name + "=" + args.value() + " on " + node.name();
        CibVersion version = Changes.apply(cib, description, caller, current -> NodeAttributes.set(current, node.name(),
                Integer.toString(node.nodeId()), name, delete ? null : args.value(), lifetime));
        String now = NodeAttributes.get(cib.current(), node.name(), name, lifetime).orElse(null);
        return new ApiTypes.NodeAttributeResult(node.name(), name, now, lifetimeWord, version.toString());
    }

    private NodeConfig node(String name) {
        if (name == null || name.isBlank()) {
            throw new ApiException(ApiError.BAD_REQUEST, "node.attribute: field 'node' is missing");
        }
        return config.node(name).orElseThrow(() -> new ApiException(ApiError.NOT_FOUND, "unknown node '" + name
                + "' (nodes of cluster " + config.totem().clusterName() + ": "
                + config.nodes().stream().map(NodeConfig::name).collect(Collectors.joining(", ")) + ")"));
    }

    private static Lifetime lifetime(String text) {
        if (text == null || text.equals("forever")) {
            return Lifetime.FOREVER;
        }
        if (text.equals("reboot")) {
            return Lifetime.REBOOT;
        }
        throw new ApiException(ApiError.BAD_REQUEST, "node.attribute: lifetime '" + text + "' is not reboot or forever");
    }
}
