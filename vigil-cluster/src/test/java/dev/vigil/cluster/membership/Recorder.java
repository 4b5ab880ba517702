package dev.vigil.cluster.membership;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A listener that remembers everything, in order, with bounded waits for tests. */
final class Recorder implements MembershipListener {
    record Received(String from, String text) {
    }

    private final List<View> views = new ArrayList<>();
    private final List<Long> viewNanos = new ArrayList<>();
    private final List<Received> messages = new ArrayList<>();
    private final List<String> threads = new ArrayList<>();

    @Override
    public synchronized void onView(View view) {
        views.add(view);
        viewNanos.add(System.nanoTime());
        threads.add(Thread.currentThread().getName());
        notifyAll();
    }

    @Override
    public synchronized void onMessage(String fromNode, byte[] payload) {
        messages.add(new Received(fromNode, new String(payload, java.nio.charset.StandardCharsets.UTF_8)));
        threads.add(Thread.currentThread().getName());
        notifyAll();
    }

    synchronized List<View> views() {
        return List.copyOf(views);
    }

    /** When (System.nanoTime) the first view satisfying {@code condition} arrived after {@code sinceNanos}. */
    synchronized long arrivalNanos(Predicate<View> condition, long sinceNanos) {
        for (int i = 0; i < views.size(); i++) {
            if (viewNanos.get(i) >= sinceNanos && condition.test(views.get(i))) {
                return viewNanos.get(i);
            }
        }
        throw new AssertionError("no such view since the given time: " + views.stream().map(View::describe).toList());
    }

    synchronized List<Received> messages() {
        return List.copyOf(messages);
    }

    synchronized List<String> threads() {
        return List.copyOf(threads);
    }

    synchronized View lastView() {
        return views.isEmpty() ? null : views.get(views.size() - 1);
    }

    /** Waits until the latest view satisfies {@code condition}; fails after {@code timeout}. */
    synchronized View awaitView(Predicate<View> condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            View last = lastView();
            if (last != null && condition.test(last)) {
                return last;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what
                        + "; views: " + views.stream().map(View::describe).toList());
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /** Waits until at least {@code count} messages arrived. */
    synchronized List<Received> awaitMessages(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (messages.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("timed out waiting for " + count + " messages; got " + messages);
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return List.copyOf(messages);
    }
}
