package dev.vigil.sim;

import java.time.Instant;
import java.util.PriorityQueue;

/**
 * Simulated time and the events due in it, run in time order and, for equal times, in the order
 * they were scheduled: with one seed, every run is the same run.
 */
final class EventLoop {
    private record Event(Instant at, long seq, Runnable action) implements Comparable<Event> {
        @Override
        public int compareTo(Event o) {
            int c = at.compareTo(o.at);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private final PriorityQueue<Event> queue = new PriorityQueue<>();
    private final int maxQueued;
    private Instant now;
    private long seq;
    private long executed;

    EventLoop(Instant start, int maxQueued) {
        this.now = start;
        this.maxQueued = maxQueued;
    }

    Instant now() {
        return now;
    }

    long executed() {
        return executed;
    }

    void at(Instant when, Runnable action) {
        if (queue.size() >= maxQueued) {
            throw new IllegalStateException("more than " + maxQueued + " simulated events pending at " + now
                    + ": something schedules without bound");
        }
        queue.add(new Event(when.isBefore(now) ? now : when, seq++, action));
    }

    void after(long millis, Runnable action) {
        at(now.plusMillis(Math.max(0, millis)), action);
    }

    /** Runs events until {@code until}; returns false if none was left before it. */
    boolean runUntil(Instant until, Runnable afterEach) {
        while (!queue.isEmpty() && !queue.peek().at().isAfter(until)) {
            Event e = queue.poll();
            now = e.at();
            e.action().run();
            executed++;
            afterEach.run();
        }
        if (now.isBefore(until)) {
            now = until;
        }
        return !queue.isEmpty();
    }
}
