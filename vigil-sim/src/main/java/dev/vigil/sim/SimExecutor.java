package dev.vigil.sim;

import dev.vigil.controller.core.Input;
import dev.vigil.exec.OpStatus;
import dev.vigil.exec.OperationRequest;
import dev.vigil.exec.OperationResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * A node's executor with resources that have a physical state: {@code running} says what really
 * runs on the node, whatever any controller believes. Operations on one resource run one at a
 * time and take a random time; timeouts are enforced (a hung agent times out); recurring
 * monitors rerun every interval and report only changes, like the real executor.
 *
 * <p>Powering the node off kills everything; a controller crash only stops the executor (the
 * resources it started keep running, as processes do when a daemon is killed).
 */
final class SimExecutor {
    private record Pending(long token, OperationRequest request) {
    }

    private record Recurring(OperationRequest request, int callId) {
    }

    private final String node;
    private final EventLoop loop;
    private final Random random;
    private final Faults faults;
    /** What really runs here (survives a controller crash, not a power-off). */
    private final Set<String> running;
    private final Map<String, Deque<Pending>> queues = new TreeMap<>();
    private final Set<String> busy = new TreeSet<>();
    private final Map<String, Recurring> recurring = new TreeMap<>();
    private final Map<String, Integer> lastRc = new TreeMap<>();
    private final BiConsumer<Long, OperationResult> results;
    private final java.util.function.Consumer<String> opLog;
    private int generation;
    private int nextCallId = 1;

    SimExecutor(String node, EventLoop loop, Random random, Faults faults, Set<String> running,
                BiConsumer<Long, OperationResult> results, java.util.function.Consumer<String> opLog) {
        this.opLog = opLog;
        this.node = node;
        this.loop = loop;
        this.random = random;
        this.faults = faults;
        this.running = running;
        this.results = results;
    }

    void execute(long token, OperationRequest request) {
        String rsc = request.resourceId();
        if (request.action().equals("stop")) {
            cancelAll(rsc);
        }
        if (request.isRecurring()) {
            recurring.put(request.operationKey(), new Recurring(request, nextCallId++));
            lastRc.remove(request.operationKey());
        }
        queues.computeIfAbsent(rsc, k -> new ArrayDeque<>()).add(new Pending(token, request));
        if (queues.get(rsc).size() > 64) {
            throw new IllegalStateException("more than 64 operations queued for " + rsc + " on " + node);
        }
        startNext(rsc);
    }

    void cancel(String rsc, String action, long intervalMs) {
        String key = rsc + "_" + action + "_" + intervalMs;
        Recurring r = recurring.remove(key);
        lastRc.remove(key);
        if (r != null) {
            report(Input.OperationFinished.UNSOLICITED, result(r.request(), r.callId(), 0, OpStatus.CANCELLED, loop.now(), ""));
        }
    }

    /** Stops all work (a crash of the executor's process); physical resources stay as they are. */
    void halt() {
        generation++;
        queues.clear();
        busy.clear();
        recurring.clear();
    }

    private void cancelAll(String rsc) {
        for (String key : new TreeSet<>(recurring.keySet())) {
            Recurring r = recurring.get(key);
            if (r.request().resourceId().equals(rsc)) {
                cancel(rsc, r.request().action(), r.request().intervalMs());
            }
        }
    }

    private void startNext(String rsc) {
        if (busy.contains(rsc)) {
            return;
        }
        Deque<Pending> q = queues.get(rsc);
        if (q == null || q.isEmpty()) {
            return;
        }
        Pending p = q.poll();
        busy.add(rsc);
        int gen = generation;
        OperationRequest req = p.request();
        long timeoutMs = req.timeout() == null ? 20_000 : req.timeout().toMillis();
        Instant startedAt = loop.now();
        if (faults.takeHang(node, rsc, req.action())) {
            loop.after(timeoutMs, () -> {
                if (gen != generation) {
                    return;
                }
                // A hung stop leaves the resource running; the kill of a hung start may leave
                // it half started, which the simulation counts as running (the worst case).
                if (req.action().equals("start")) {
                    running.add(rsc);
                }
                finish(p, 1, OpStatus.TIMED_OUT, rsc + "_" + req.action() + " timed out", startedAt);
            });
            return;
        }
        long duration = 5 + random.nextInt(80);
        loop.after(duration, () -> {
            if (gen != generation) {
                return;
            }
            int rc = apply(req);
            finish(p, rc, OpStatus.DONE, rc == 0 || rc == 7 ? "" : "simulated failure", startedAt);
        });
    }

    /** What the operation does to the physical state, and its rc. */
    private int apply(OperationRequest req) {
        String rsc = req.resourceId();
        switch (req.action()) {
            case "start" -> {
                if (faults.takeStartFailure(node, rsc)) {
                    opLog.accept(node + " start " + rsc + " failed");
                    return 1;
                }
                running.add(rsc);
                opLog.accept(node + " start " + rsc);
                return 0;
            }
            case "stop" -> {
                running.remove(rsc);
                opLog.accept(node + " stop " + rsc);
                return 0;
            }
            case "monitor" -> {
                return running.contains(rsc) ? 0 : 7;
            }
            default -> {
                return 0;
            }
        }
    }

    private void finish(Pending p, int rc, OpStatus status, String reason, Instant startedAt) {
        OperationRequest req = p.request();
        busy.remove(req.resourceId());
        if (req.isRecurring()) {
            Recurring r = recurring.get(req.operationKey());
            if (r == null || r.request() != req) {
                startNext(req.resourceId());
                return; // cancelled or replaced meanwhile
            }
            OperationResult result = result(req, r.callId(), rc, status, startedAt, reason);
            Integer before = lastRc.put(req.operationKey(), rc * 100 + status.code());
            // Like the real executor: the listener hears the first result and every change; the
            // registering request's future also gets the first one.
            if (before == null || before != rc * 100 + status.code()) {
                report(Input.OperationFinished.UNSOLICITED, result);
            }
            if (p.token() != Input.OperationFinished.UNSOLICITED) {
                report(p.token(), result);
            }
            int gen = generation;
            loop.after(req.intervalMs(), () -> {
                if (gen == generation && recurring.get(req.operationKey()) == r) {
                    queues.computeIfAbsent(req.resourceId(), k -> new ArrayDeque<>())
                            .add(new Pending(Input.OperationFinished.UNSOLICITED, req));
                    startNext(req.resourceId());
                }
            });
        } else {
            report(p.token(), result(req, nextCallId++, rc, status, startedAt, reason));
        }
        startNext(req.resourceId());
    }

    private OperationResult result(OperationRequest req, int callId, int rc, OpStatus status, Instant startedAt,
                                   String reason) {
        Instant now = loop.now();
        return new OperationResult(req, callId, rc, status, reason, startedAt, now,
                Duration.between(startedAt, now), Duration.ZERO, "", "");
    }

    private void report(long token, OperationResult r) {
        results.accept(token, r);
    }
}
