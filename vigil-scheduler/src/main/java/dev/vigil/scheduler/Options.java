package dev.vigil.scheduler;

import dev.vigil.model.Durations;
import dev.vigil.model.Score;
import java.util.Locale;
import java.util.Map;

/**
 * Cluster options (the {@code crm_config} properties) with Pacemaker's defaults.
 *
 * @param noQuorumPolicy stop, freeze, ignore, demote or suicide
 */
record Options(boolean stonithEnabled, String stonithAction, long stonithTimeoutMs,
               boolean symmetricCluster, String noQuorumPolicy, boolean maintenanceMode,
               boolean startFailureIsFatal, boolean stopOrphanResources, boolean stopOrphanActions,
               boolean startupFencing, boolean concurrentFencing, boolean stopAllResources,
               boolean enableStartupProbes, boolean shutdownLock, long shutdownLockLimitMs,
               String placementStrategy, String nodeHealthStrategy, int nodeHealthBase,
               int nodeHealthGreen, int nodeHealthYellow, int nodeHealthRed, int batchLimit,
               int migrationLimit, long priorityFencingDelayMs, long clusterDelayMs,
               int defaultStickiness, boolean haveWatchdog, String clusterName,
               Map<String, String> raw) {

    Options withNoQuorumPolicy(String policy) {
        return new Options(stonithEnabled, stonithAction, stonithTimeoutMs, symmetricCluster, policy,
                maintenanceMode, startFailureIsFatal, stopOrphanResources, stopOrphanActions, startupFencing,
                concurrentFencing, stopAllResources, enableStartupProbes, shutdownLock, shutdownLockLimitMs,
                placementStrategy, nodeHealthStrategy, nodeHealthBase, nodeHealthGreen, nodeHealthYellow,
                nodeHealthRed, batchLimit, migrationLimit, priorityFencingDelayMs, clusterDelayMs,
                defaultStickiness, haveWatchdog, clusterName, raw);
    }

    static Options from(Map<String, String> p) {
        return new Options(
                bool(p, "stonith-enabled", true),
                p.getOrDefault("stonith-action", "reboot").replace("poweroff", "off"),
                Durations.parseMillisOr(p.get("stonith-timeout"), 60_000),
                bool(p, "symmetric-cluster", true),
                p.getOrDefault("no-quorum-policy", "stop").toLowerCase(Locale.ROOT),
                bool(p, "maintenance-mode", false),
                bool(p, "start-failure-is-fatal", true),
                bool(p, "stop-orphan-resources", true),
                bool(p, "stop-orphan-actions", true),
                bool(p, "startup-fencing", true),
                bool(p, "concurrent-fencing", false),
                bool(p, "stop-all-resources", false),
                bool(p, "enable-startup-probes", true),
                bool(p, "shutdown-lock", false),
                Durations.parseMillisOr(p.get("shutdown-lock-limit"), 0),
                p.getOrDefault("placement-strategy", "default").toLowerCase(Locale.ROOT),
                p.getOrDefault("node-health-strategy", "none").toLowerCase(Locale.ROOT),
                score(p, "node-health-base", 0),
                score(p, "node-health-green", 0),
                score(p, "node-health-yellow", 0),
                score(p, "node-health-red", Score.MINUS_INFINITY),
                (int) intValue(p, "batch-limit", 0),
                (int) intValue(p, "migration-limit", -1),
                Durations.parseMillisOr(p.get("priority-fencing-delay"), 0),
                Durations.parseMillisOr(p.get("cluster-delay"), 60_000),
                score(p, "default-resource-stickiness", 0),
                bool(p, "have-watchdog", false),
                p.get("cluster-name"),
                Map.copyOf(p));
    }

    /** Pacemaker's notion of a true value: yes, true, on, y, 1 (any case). */
    static boolean isTrue(String v) {
        if (v == null) {
            return false;
        }
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "y", "1" -> true;
            default -> false;
        };
    }

    static boolean isFalse(String v) {
        if (v == null) {
            return false;
        }
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "false", "no", "off", "n", "0" -> true;
            default -> false;
        };
    }

    static boolean bool(Map<String, String> p, String name, boolean fallback) {
        String v = p.get(name);
        if (isTrue(v)) {
            return true;
        }
        if (isFalse(v)) {
            return false;
        }
        return fallback;
    }

    static int score(Map<String, String> p, String name, int fallback) {
        String v = p.get(name);
        if (v == null) {
            return fallback;
        }
        return Score.parseLenient(v);
    }

    static long intValue(Map<String, String> p, String name, long fallback) {
        String v = p.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
