package dev.vigil.sim;

import dev.vigil.controller.ClusterState;
import dev.vigil.controller.core.ControllerCore;
import dev.vigil.exec.fence.FenceConfig;
import dev.vigil.model.cib.Cib;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One simulated machine: whether it is powered, its controller (absent while the daemon is down),
 * its executor, what really runs on it, its copy of the CIB (kept across restarts, as on disk)
 * and what its controller was last told about the cluster.
 */
final class SimNode {
    final String name;
    /** What really runs here: survives a controller crash, not a power-off. */
    final Set<String> running = new TreeSet<>();
    final Map<String, Long> timerGenerations = new TreeMap<>();
    boolean powered;
    ControllerCore core;
    SimExecutor executor;
    Cib cib;
    ClusterState state;
    FenceConfig fenceConfig;
    Instant upSince;
    /** Bumped whenever the controller stops, so events meant for an old one are dropped. */
    int incarnation;
    /** True once a graceful shutdown completed (the daemon left on purpose). */
    boolean leftGracefully;
    /** The newest CIB version this node's controller has seen (checked to never go back). */
    dev.vigil.model.cib.CibVersion seenVersion = dev.vigil.model.cib.CibVersion.ZERO;

    SimNode(String name, Cib cib) {
        this.name = name;
        this.cib = cib;
    }

    boolean controllerUp() {
        return powered && core != null;
    }
}
