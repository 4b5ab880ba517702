package dev.vigil.cluster.membership;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Fault injection for tests: cuts traffic between chosen nodes. Share one instance between the
 * in-process nodes of a test (pass it to each {@link JGroupsMembership.Builder#faults}); each
 * node then drops everything it receives from, and sends to, a node it is cut from, heartbeats
 * and discovery included, exactly as if the link between them were down. Thread-safe.
 */
public final class NetworkFaults {
    private volatile Set<List<String>> cuts = Set.of();

    /** Cuts both directions between {@code a} and {@code b}. */
    public synchronized void cut(String a, String b) {
        Set<List<String>> next = new HashSet<>(cuts);
        next.add(List.of(a, b));
        next.add(List.of(b, a));
        cuts = Set.copyOf(next);
    }

    /** Splits the nodes into partitions: every pair in different partitions is cut. */
    @SafeVarargs
    public final synchronized void partition(Collection<String>... partitions) {
        for (int i = 0; i < partitions.length; i++) {
            for (int j = i + 1; j < partitions.length; j++) {
                for (String a : partitions[i]) {
                    for (String b : partitions[j]) {
                        cut(a, b);
                    }
                }
            }
        }
    }

    /** Restores every link. */
    public synchronized void heal() {
        cuts = Set.of();
    }

    /** Whether traffic from {@code from} to {@code to} is dropped. */
    public boolean isCut(String from, String to) {
        Set<List<String>> now = cuts;
        return !now.isEmpty() && now.contains(List.of(from, to));
    }
}
