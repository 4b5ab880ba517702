package dev.vigil.scheduler;

/** Notes such as "not installed" for a stopped resource whose probe failed. */
final class FailedProbes {
    private FailedProbes() {
    }

    static String description(Cluster cluster, Rsc rsc, SNode node) {
        for (Cluster.FailedOp f : cluster.failedOps) {
            if (f.rsc() != rsc || !"monitor".equals(f.op().operation()) || f.op().intervalMs() != 0) {
                continue;
            }
            if (node != null && f.node() != node) {
                continue;
            }
            return exitText(f.op().rcCode());
        }
        return null;
    }

    static String exitText(int rc) {
        return switch (rc) {
            case 0 -> "ok";
            case 1 -> "error";
            case 2 -> "invalid parameter";
            case 3 -> "unimplemented feature";
            case 4 -> "insufficient privileges";
            case 5 -> "not installed";
            case 6 -> "not configured";
            case 7 -> "not running";
            case 8 -> "promoted";
            case 9 -> "promoted (failed)";
            case 190 -> "OCF_DEGRADED";
            case 191 -> "OCF_DEGRADED_PROMOTED";
            default -> "unknown";
        };
    }
}
