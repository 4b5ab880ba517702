package dev.vigil.controller;

/**
 * Controller-to-controller messages over the cluster's authenticated channel (the daemon
 * multiplexes them with its own traffic). Reliable and FIFO per sender within a view.
 */
public interface ControllerTransport {
    /** To one member of the current view; silently dropped if it is no longer a member. */
    void send(String node, byte[] message);

    /** To every member of the current view, this node included. */
    void broadcast(byte[] message);
}
