package dev.vigil.controller;

/**
 * The per-node controller. The daemon creates one, starts it with its context and forwards
 * cluster state changes and controller messages to it; CIB changes arrive through
 * {@link CibService#subscribe}.
 */
public interface Controller extends AutoCloseable {
    void start(ControllerContext context);

    /** The view, quorum or DC changed. */
    void onClusterState(ClusterState state);

    /** A message sent by another node's controller through {@link ControllerTransport}. */
    void onMessage(String fromNode, byte[] message);

    /** Stops the controller; with {@code graceful}, the node's resources are moved away first. */
    void shutdown(boolean graceful);

    @Override
    default void close() {
        shutdown(false);
    }
}
