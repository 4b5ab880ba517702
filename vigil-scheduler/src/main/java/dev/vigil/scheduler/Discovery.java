package dev.vigil.scheduler;

/**
 * resource-discovery from location constraints: whether a resource is probed on a node
 * (always, the default; never; exclusive = only on nodes named by such constraints).
 */
final class Discovery {
    private Discovery() {
    }

    private static int rank(String mode) {
        if (mode == null) {
            return 0;
        }
        return switch (mode) {
            case "never" -> 1;
            case "exclusive" -> 2;
            default -> 0;
        };
    }

    /** A constraint's mode raises the node's mode (always < never < exclusive). */
    static void note(Rsc rsc, SNode node, String mode) {
        if (mode == null) {
            return;
        }
        String current = rsc.discoveryMode.get(node);
        if (rank(mode) > rank(current)) {
            rsc.discoveryMode.put(node, mode);
        }
        if ("exclusive".equals(mode)) {
            rsc.exclusiveDiscovery = true;
        }
    }

    static String mode(Rsc rsc, SNode node) {
        String m = rsc.discoveryMode.get(node);
        return m == null ? "always" : m;
    }

    static boolean isExclusive(Rsc rsc) {
        return rsc.exclusiveDiscovery;
    }
}
