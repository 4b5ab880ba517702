package dev.vigil.controller.core;

import dev.vigil.model.Durations;
import dev.vigil.model.cib.Cib;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The cluster properties the controller itself acts on (the scheduler reads its own), with
 * Pacemaker's defaults. Unreadable values fall back to the default, as Pacemaker does.
 */
public record ClusterOptions(boolean stonithEnabled, boolean startFailureIsFatal, String noQuorumPolicy,
                             Duration recheckInterval, int stonithMaxAttempts, Duration priorityFencingDelay,
                             Duration stonithTimeout, Duration clusterDelay, Duration shutdownEscalation,
                             int batchLimit) {

    public static final ClusterOptions DEFAULTS = from(Map.of());

    public static ClusterOptions from(Cib cib) {
        return from(ResourceIndex.plainPairs(cib.configuration().clusterProperties()));
    }

    static ClusterOptions from(Map<String, String> p) {
        return new ClusterOptions(
                bool(p.get("stonith-enabled"), true),
                bool(p.get("start-failure-is-fatal"), true),
                p.getOrDefault("no-quorum-policy", "stop").trim().toLowerCase(Locale.ROOT),
                duration(p.get("cluster-recheck-interval"), Duration.ofMinutes(15)),
                (int) Math.max(1, number(p.get("stonith-max-attempts"), 10)),
                duration(p.get("priority-fencing-delay"), Duration.ZERO),
                duration(p.get("stonith-timeout"), Duration.ofSeconds(60)),
                duration(p.get("cluster-delay"), Duration.ofSeconds(60)),
                duration(p.get("shutdown-escalation"), Duration.ofMinutes(20)),
                (int) Math.max(0, number(p.get("batch-limit"), 0)));
    }

    static boolean bool(String v, boolean fallback) {
        if (v == null) {
            return fallback;
        }
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "y", "1" -> true;
            case "false", "no", "off", "n", "0" -> false;
            default -> fallback;
        };
    }

    static Duration duration(String v, Duration fallback) {
        if (v == null) {
            return fallback;
        }
        try {
            return Duration.ofMillis(Durations.parseMillis(v));
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }

    static long number(String v, long fallback) {
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
