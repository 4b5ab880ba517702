package dev.vigil.sim;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Faults that are armed now: agent operations that will hang or fail the next time they run,
 * node groups cut off from each other, and the chance that a controller message is lost.
 */
final class Faults {
    private final Set<String> hangs = new TreeSet<>();
    private final Set<String> startFailures = new TreeSet<>();
    /** Partition group of each node; nodes in different groups cannot talk. Absent: group 0. */
    private final Map<String, Integer> groups = new TreeMap<>();
    private double messageLoss;

    void armHang(String node, String rsc, String action) {
        hangs.add(node + "/" + rsc + "/" + action);
    }

    boolean takeHang(String node, String rsc, String action) {
        return hangs.remove(node + "/" + rsc + "/" + action);
    }

    void armStartFailure(String node, String rsc) {
        startFailures.add(node + "/" + rsc);
    }

    boolean takeStartFailure(String node, String rsc) {
        return startFailures.remove(node + "/" + rsc);
    }

    void partition(Set<String> minority) {
        groups.clear();
        for (String n : minority) {
            groups.put(n, 1);
        }
    }

    void heal() {
        groups.clear();
    }

    int group(String node) {
        return groups.getOrDefault(node, 0);
    }

    boolean connected(String a, String b) {
        return group(a) == group(b);
    }

    boolean partitioned() {
        return !groups.isEmpty();
    }

    double messageLoss() {
        return messageLoss;
    }

    void setMessageLoss(double p) {
        messageLoss = p;
    }

    /** Clears everything (the quiet phase). */
    void clear() {
        hangs.clear();
        startFailures.clear();
        groups.clear();
        messageLoss = 0;
    }
}
