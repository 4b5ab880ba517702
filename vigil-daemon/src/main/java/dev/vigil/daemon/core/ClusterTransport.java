package dev.vigil.daemon.core;

import dev.vigil.controller.ControllerTransport;

/** The controller's messages ride the node loop's channel, tagged for the controller. */
public final class ClusterTransport implements ControllerTransport {
    private final NodeLoop loop;

    public ClusterTransport(NodeLoop loop) {
        this.loop = loop;
    }

    @Override
    public void send(String node, byte[] message) {
        loop.sendController(node, message.clone());
    }

    @Override
    public void broadcast(byte[] message) {
        loop.broadcastController(message.clone());
    }
}
