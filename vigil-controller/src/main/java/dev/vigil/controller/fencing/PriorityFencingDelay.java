package dev.vigil.controller.fencing;

import dev.vigil.controller.core.ClusterOptions;
import dev.vigil.controller.core.ResourceIndex;
import dev.vigil.controller.status.ActiveResources;
import dev.vigil.controller.status.CibStatus;
import dev.vigil.model.cib.Cib;
import dev.vigil.model.cib.Node;
import java.time.Duration;
import java.util.Set;

/**
 * Pacemaker's {@code priority-fencing-delay}: when a split leaves no side with a majority of the
 * cluster nodes, the side that has to fence the node running the most important resources waits
 * this long, so that node's side wins the fence race instead of both nodes shooting each other.
 * A node's priority is the sum of the {@code priority} meta attributes of the resources active
 * on it. The delay applies only to a lost member with the strictly highest priority, and only
 * when this partition does not hold more than half of the members (as in Pacemaker 2.1.5).
 */
public final class PriorityFencingDelay {
    private PriorityFencingDelay() {
    }

    public static Duration forTarget(Cib cib, String target, Set<String> partitionMembers) {
        Duration delay = ClusterOptions.from(cib).priorityFencingDelay();
        if (delay.isZero() || delay.isNegative() || partitionMembers.contains(target)) {
            return Duration.ZERO;
        }
        ResourceIndex index = new ResourceIndex(cib.configuration());
        int members = 0;
        int online = 0;
        int top = Integer.MIN_VALUE;
        int lowest = Integer.MAX_VALUE;
        int targetPriority = 0;
        for (Node n : cib.configuration().nodes()) {
            if (n.type() != null && !n.type().equals("member") && !n.type().equals("normal")) {
                continue;
            }
            members++;
            if (partitionMembers.contains(n.uname())) {
                online++;
            }
            int p = priorityOf(cib, index, n.uname());
            top = Math.max(top, p);
            lowest = Math.min(lowest, p);
            if (n.uname().equals(target)) {
                targetPriority = p;
            }
        }
        if (members == 0 || online > members / 2 || lowest == top || targetPriority < top) {
            return Duration.ZERO;
        }
        return delay;
    }

    static int priorityOf(Cib cib, ResourceIndex index, String node) {
        int sum = 0;
        for (String rsc : ActiveResources.on(CibStatus.node(cib, node))) {
            ResourceIndex.Info info = index.lookup(rsc);
            if (info == null) {
                continue;
            }
            try {
                sum += Integer.parseInt(info.meta().getOrDefault("priority", "0").trim());
            } catch (NumberFormatException e) {
                // unparsable priorities count as 0, as in Pacemaker
            }
        }
        return sum;
    }
}
