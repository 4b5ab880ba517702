package dev.vigil.cluster.membership;

import org.jgroups.Address;
import org.jgroups.Message;
import org.jgroups.stack.Protocol;
import org.jgroups.util.MessageBatch;

/**
 * A JGroups protocol placed right above the transport in test stacks only: it drops traffic to
 * and from nodes that {@link NetworkFaults} says are cut from this one. Since it sits below
 * discovery, failure detection and reliability, the rest of the stack sees exactly a dead link.
 */
final class FaultLayer extends Protocol {
    private final NetworkFaults faults;
    private final String localNode;

    FaultLayer(NetworkFaults faults, String localNode) {
        this.faults = faults;
        this.localNode = localNode;
    }

    @Override
    public Object down(Message msg) {
        Address dest = msg.getDest();
        if (dest != null && !(dest instanceof org.jgroups.PhysicalAddress) && faults.isCut(localNode, NodeNames.of(dest))) {
            return null;
        }
        return down_prot.down(msg);
    }

    @Override
    public Object up(Message msg) {
        if (faults.isCut(NodeNames.of(msg.getSrc()), localNode)) {
            return null;
        }
        return up_prot.up(msg);
    }

    @Override
    public void up(MessageBatch batch) {
        if (faults.isCut(NodeNames.of(batch.sender()), localNode)) {
            return;
        }
        up_prot.up(batch);
    }
}
