package dev.vigil.scheduler;

/** Detects changed resource parameters by comparing operation digests with the history. */
final class Digests {
    private Digests() {
    }

    static void checkParameterChanges(Cluster cluster) {
    }
}
