package dev.vigil.cluster.membership;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A membership view: the nodes that can currently talk to each other, as every one of them
 * agreed. All members of a view see the same id, members (in the same order) and coordinator.
 *
 * @param id              the view's number; it grows with every view change (two partitions may
 *                        reuse a number, so compare views by id and coordinator)
 * @param coordinator     the first member: the oldest one, which runs membership changes
 * @param members         node names, coordinator first, in the order every member sees
 * @param joined          members that were not in this node's previous view
 * @param left            members of this node's previous view that are gone
 * @param mergedPartitions for a view that merged partitions after a split healed, the member
 *                        lists of the merged partitions; empty otherwise. A merge means every
 *                        side may have acted alone: the CIB must be reconciled and resources
 *                        re-probed.
 */
public record View(long id, String coordinator, List<String> members, List<String> joined, List<String> left,
                   List<List<String>> mergedPartitions) {
    public View {
        Objects.requireNonNull(coordinator, "coordinator");
        members = List.copyOf(members);
        joined = List.copyOf(joined);
        left = List.copyOf(left);
        List<List<String>> copy = new ArrayList<>();
        for (List<String> partition : mergedPartitions) {
            copy.add(List.copyOf(partition));
        }
        mergedPartitions = List.copyOf(copy);
        if (members.isEmpty() || !members.get(0).equals(coordinator)) {
            throw new IllegalArgumentException("the coordinator " + coordinator + " must be the first of " + members);
        }
    }

    /** A view with no history (no joined/left, not a merge), e.g. for tests and the simulator. */
    public static View of(long id, List<String> members) {
        return new View(id, members.get(0), members, List.of(), List.of(), List.of());
    }

    /** Whether this view merged partitions. */
    public boolean isMerge() {
        return !mergedPartitions.isEmpty();
    }

    /** Whether {@code node} is a member. */
    public boolean contains(String node) {
        return members.contains(node);
    }

    /** The number of members. */
    public int size() {
        return members.size();
    }

    /**
     * One line for the admin's log, e.g.
     * {@code view 7: node1 node2 node3 (coordinator node1; left node4)}.
     */
    public String describe() {
        StringBuilder s = new StringBuilder("view ").append(id).append(": ").append(String.join(" ", members));
        s.append(" (coordinator ").append(coordinator);
        if (!joined.isEmpty()) {
            s.append("; joined ").append(String.join(" ", joined));
        }
        if (!left.isEmpty()) {
            s.append("; left ").append(String.join(" ", left));
        }
        if (isMerge()) {
            s.append("; merged ").append(mergedPartitions.stream().map(p -> String.join(" ", p))
                    .collect(Collectors.joining(" | ")));
        }
        return s.append(')').toString();
    }
}
