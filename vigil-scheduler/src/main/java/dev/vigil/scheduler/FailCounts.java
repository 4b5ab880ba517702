package dev.vigil.scheduler;

import dev.vigil.model.Score;
import java.util.List;
import java.util.Map;

/**
 * Fail counts and last-failure times, read from a node's transient attributes
 * ({@code fail-count-RSC#OP_INTERVAL} and the older {@code fail-count-RSC}); instances of an
 * anonymous clone share the clone child's count. Expired failures (failure-timeout) count zero.
 */
final class FailCounts {
    private FailCounts() {
    }

    static int count(Cluster cluster, Rsc rsc, SNode node) {
        if (cluster.clearedFailCounts.contains(List.of(rsc.id, node.name))) {
            return 0;
        }
        String id = nameFor(rsc);
        boolean anonymous = !id.equals(rsc.id);
        int total = 0;
        long lastFailure = 0;
        for (Map.Entry<String, String> a : node.attributes.entrySet()) {
            String name = a.getKey();
            if (matches(name, "fail-count-", id, anonymous)) {
                total = Score.add(total, parse(a.getValue()));
            } else if (matches(name, "last-failure-", id, anonymous)) {
                lastFailure = Math.max(lastFailure, parseLong(a.getValue()));
            }
        }
        if (total > 0 && rsc.failureTimeoutMs > 0 && lastFailure > 0
                && lastFailure + rsc.failureTimeoutMs / 1000 <= cluster.now) {
            return 0;
        }
        return total;
    }

    /**
     * Whether the node keeps a fail count for the whole resource ({@code fail-count-RSC}, the
     * format before per-operation counts). Pacemaker honours that format only in CIBs written
     * before feature set 3.0.13.
     */
    static boolean hasWholeResourceCount(Cluster cluster, Rsc rsc, SNode node) {
        if (!wholeResourceCountsHonoured(cluster)) {
            return false;
        }
        return parse(node.attributes.getOrDefault("fail-count-" + nameFor(rsc), "0")) > 0;
    }

    static boolean wholeResourceCountsHonoured(Cluster cluster) {
        return FeatureSet.olderThan(cluster.cib.get("crm_feature_set"), "3.0.13");
    }

    /** The fail count as recorded, expired or not. */
    static int countIgnoringTimeout(Rsc rsc, SNode node) {
        String id = nameFor(rsc);
        boolean anonymous = !id.equals(rsc.id);
        int total = 0;
        for (Map.Entry<String, String> a : node.attributes.entrySet()) {
            if (matches(a.getKey(), "fail-count-", id, anonymous)) {
                total = Score.add(total, parse(a.getValue()));
            }
        }
        return total;
    }

    /** Notes, before assignment, that a resource's fail count on a node will be cleared. */
    static void noteCleared(Cluster cluster, Rsc rsc, SNode node) {
        cluster.clearedFailCounts.add(List.of(rsc.id, node.name));
    }

    /** Schedules clearing a resource's fail count on a node (a cluster action). */
    static Action scheduleClear(Cluster cluster, Rsc rsc, SNode node, String reason) {
        Action clear = Actions.custom(cluster, rsc, Action.key(rsc.id, "clear_failcount", 0), "clear_failcount", node,
                false);
        clear.meta.put("op_no_wait", "true");
        clear.reason = reason;
        return clear;
    }

    static long lastFailure(Rsc rsc, SNode node) {
        String id = nameFor(rsc);
        boolean anonymous = !id.equals(rsc.id);
        long last = 0;
        for (Map.Entry<String, String> a : node.attributes.entrySet()) {
            if (matches(a.getKey(), "last-failure-", id, anonymous)) {
                last = Math.max(last, parseLong(a.getValue()));
            }
        }
        return last;
    }

    /**
     * Counts recorded under an anonymous instance's old numbered name ({@code web:1}) belong
     * to the clone child ({@code web}) too.
     */
    private static String withoutInstanceNumber(String name, String id) {
        if (!name.startsWith(id + ":")) {
            return name;
        }
        int end = id.length() + 1;
        while (end < name.length() && Character.isDigit(name.charAt(end))) {
            end++;
        }
        boolean numbered = end > id.length() + 1 && (end == name.length() || name.charAt(end) == '#');
        return numbered ? id + name.substring(end) : name;
    }

    /** The id under which fail counts are recorded: instance numbers dropped for anonymous clones. */
    static String nameFor(Rsc rsc) {
        Rsc clone = rsc.enclosingClone();
        if (clone != null && !clone.globallyUnique) {
            return rsc.baseId();
        }
        return rsc.id;
    }

    private static boolean matches(String attribute, String prefix, String id, boolean anonymous) {
        if (!attribute.startsWith(prefix)) {
            return false;
        }
        String rest = attribute.substring(prefix.length());
        if (anonymous) {
            rest = withoutInstanceNumber(rest, id);
        }
        if (rest.equals(id)) {
            return true;
        }
        if (!rest.startsWith(id + "#")) {
            return false;
        }
        String op = rest.substring(id.length() + 1);
        int underscore = op.lastIndexOf('_');
        return underscore > 0 && op.substring(underscore + 1).chars().allMatch(Character::isDigit);
    }

    private static int parse(String v) {
        try {
            return Score.parseLenient(v);
        } catch (IllegalArgumentException e) {
            return 0;
        }
    }

    private static long parseLong(String v) {
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
