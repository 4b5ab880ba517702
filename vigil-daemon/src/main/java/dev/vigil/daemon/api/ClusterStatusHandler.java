package dev.vigil.daemon.api;

import dev.vigil.api.ApiError;
import dev.vigil.api.ApiException;
import dev.vigil.api.ApiTypes;
import dev.vigil.cib.store.StoredCib;
import dev.vigil.cluster.config.ClusterConfig;
import dev.vigil.cluster.config.NodeConfig;
import dev.vigil.cluster.quorum.QuorumState;
import dev.vigil.controller.ClusterState;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** {@code cluster.status}: the nodelist with who is online, quorum and its reason, the DC, the CIB version. */
public final class ClusterStatusHandler implements ApiHandler<ApiTypes.NoArgs> {
    private final ClusterConfig config;
    private final String local;
    private final Supplier<ClusterState> state;
    private final Supplier<StoredCib> cib;

    public ClusterStatusHandler(ClusterConfig config, String local, Supplier<ClusterState> state, Supplier<StoredCib> cib) {
        this.config = config;
        this.local = local;
        this.state = state;
        this.cib = cib;
    }

    @Override
    public String type() {
        return ApiTypes.CLUSTER_STATUS;
    }

    @Override
    public Class<ApiTypes.NoArgs> argsType() {
        return ApiTypes.NoArgs.class;
    }

    @Override
    public Object handle(ApiTypes.NoArgs args, Caller caller) {
        ClusterState s = state.get();
        if (s == null) {
            throw new ApiException(ApiError.UNAVAILABLE, "the daemon is still joining the cluster");
        }
        List<ApiTypes.NodeInfo> nodes = new ArrayList<>();
        for (NodeConfig n : config.nodes()) {
            nodes.add(new ApiTypes.NodeInfo(n.name(), n.nodeId(), s.view().contains(n.name()), n.name().equals(s.dc()),
                    n.name().equals(local)));
        }
        QuorumState q = s.quorum();
        StoredCib copy = cib.get();
        return new ApiTypes.ClusterStatus(config.totem().clusterName(), local, s.view().id(), nodes,
                new ApiTypes.QuorumInfo(q.quorate(), q.votes(), q.expectedVotes(), q.quorum(), q.reason()), s.dc(),
                new ApiTypes.CibInfo(copy.version().toString(), copy.digest()));
    }
}
