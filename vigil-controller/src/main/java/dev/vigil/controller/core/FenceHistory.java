package dev.vigil.controller.core;

import dev.vigil.controller.wire.FenceRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The fencing results this node knows of, oldest first, at most {@code capacity} of them. */
final class FenceHistory {
    private final int capacity;
    private final Deque<FenceRecord> records = new ArrayDeque<>();

    FenceHistory(int capacity) {
        this.capacity = capacity;
    }

    /** Adds a record unless the same one is already known (a notice may arrive twice). */
    void add(FenceRecord r) {
        if (records.contains(r)) {
            return;
        }
        records.addLast(r);
        while (records.size() > capacity) {
            records.removeFirst();
        }
    }

    List<FenceRecord> all() {
        return new ArrayList<>(records);
    }
}
