package dev.vigil.controller.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The DC's join bookkeeping: which members were asked for their history, which answered, and
 * which stopped answering (after {@code attempts} requests {@code timeout} apart the DC
 * schedules without them; they are asked again on the next view change).
 */
final class JoinTracker {
    enum Phase { REQUESTED, JOINED, GAVE_UP }

    private record Entry(Phase phase, long joinId, int attempts, Instant sentAt) {
    }

    private final Duration timeout;
    private final int maxAttempts;
    private final Map<String, Entry> nodes = new TreeMap<>();
    private long nextJoinId;

    JoinTracker(Duration timeout, int maxAttempts, long firstJoinId) {
        this.timeout = timeout;
        this.maxAttempts = maxAttempts;
        this.nextJoinId = firstJoinId;
    }

    /** Marks a new request to {@code node} and returns its join id. */
    long request(String node, Instant now) {
        Entry old = nodes.get(node);
        int attempts = old != null && old.phase() == Phase.REQUESTED ? old.attempts() + 1 : 1;
        long id = nextJoinId++;
        nodes.put(node, new Entry(Phase.REQUESTED, id, attempts, now));
        return id;
    }

    /** Accepts a reply if it answers the latest request to that node. */
    boolean accept(String node, long joinId) {
        Entry e = nodes.get(node);
        if (e == null || e.phase() != Phase.REQUESTED || e.joinId() != joinId) {
            return false;
        }
        nodes.put(node, new Entry(Phase.JOINED, joinId, e.attempts(), e.sentAt()));
        return true;
    }

    void forget(String node) {
        nodes.remove(node);
    }

    boolean isJoined(String node) {
        Entry e = nodes.get(node);
        return e != null && e.phase() == Phase.JOINED;
    }

    /** Whether every member has joined or been given up on. */
    boolean settled(Collection<String> members) {
        for (String m : members) {
            Entry e = nodes.get(m);
            if (e == null || e.phase() == Phase.REQUESTED) {
                return false;
            }
        }
        return true;
    }

    /**
     * Members whose request timed out: to be asked again, or (the returned list's second half)
     * given up on. Returns the nodes to ask again; {@code gaveUp} receives the others.
     */
    List<String> due(Instant now, List<String> gaveUp) {
        List<String> again = new ArrayList<>();
        for (Map.Entry<String, Entry> e : nodes.entrySet()) {
            Entry v = e.getValue();
            if (v.phase() != Phase.REQUESTED || now.isBefore(v.sentAt().plus(timeout))) {
                continue;
            }
            if (v.attempts() >= maxAttempts) {
                nodes.put(e.getKey(), new Entry(Phase.GAVE_UP, v.joinId(), v.attempts(), v.sentAt()));
                gaveUp.add(e.getKey());
            } else {
                again.add(e.getKey());
            }
        }
        return again;
    }

    /** When the next request times out, or null when none is outstanding. */
    Instant nextDeadline() {
        Instant next = null;
        for (Entry e : nodes.values()) {
            if (e.phase() == Phase.REQUESTED) {
                Instant d = e.sentAt().plus(timeout);
                if (next == null || d.isBefore(next)) {
                    next = d;
                }
            }
        }
        return next;
    }
}
