package dev.vigil.daemon.api;

/** Who sent a request: the peer's user as the kernel tells it (SO_PEERCRED), for logs and the CIB's update-user. */
public record Caller(String user) {
    public static final Caller UNKNOWN = new Caller("unknown");
}
