package dev.vigil.scheduler;

/** Notes such as "not installed" for a stopped resource whose probe failed. */
final class FailedProbes {
    private FailedProbes() {
    }

    /** The newest recorded probe failure that only means "cannot run here" (not installed…). */
    static String description(Cluster cluster, Rsc rsc, SNode node) {
        for (int i = cluster.failedOps.size() - 1; i >= 0; i--) {
            Cluster.FailedOp f = cluster.failedOps.get(i);
            if (f.rsc() != rsc || !"monitor".equals(f.op().operation()) || f.op().intervalMs() != 0) {
                continue;
            }
            int rc = f.op().rcCode();
            if (rc != 5 && rc != 4 && f.op().opStatus() != dev.vigil.model.cib.LrmOp.STATUS_NOT_INSTALLED) {
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
