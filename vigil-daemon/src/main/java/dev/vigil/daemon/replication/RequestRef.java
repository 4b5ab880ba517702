package dev.vigil.daemon.replication;

/** A change request, named by the node it came from and that node's request number. */
public record RequestRef(String node, long id) {
}
