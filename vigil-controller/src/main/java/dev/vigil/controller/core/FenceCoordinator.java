package dev.vigil.controller.core;

import dev.vigil.controller.fencing.PriorityFencingDelay;
import dev.vigil.controller.wire.FenceRecord;
import dev.vigil.controller.wire.Message;
import dev.vigil.model.Durations;
import dev.vigil.model.cib.Cib;
import dev.vigil.model.cib.NodeState;
import dev.vigil.model.graph.GraphAction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The DC's fencing: turns a transition's {@code stonith} actions into requests to a member's
 * fencer (never the target's own), with priority-fencing-delay, a bound on how long an answer
 * may take, a growing pause between failed attempts on one target and a limit on attempts
 * (stonith-max-attempts) after which it gives up until the membership changes. Every result is
 * added to the fencing history and announced to every member.
 */
final class FenceCoordinator {
    private static final String RETRY_TIMER = "fence-retry:";
    private static final String TIMEOUT_TIMER = "fence-timeout:";

    /** What the DC does with outcomes. */
    interface Outcomes {
        /** The fence action {@code actionId} of transition {@code transitionId} finished. */
        void actionDone(int transitionId, int actionId, boolean failed);

        /** {@code target} is now known to be off; {@code planned}: as its running transition wanted. */
        void fenced(String target, boolean planned);

        /** Fencing {@code target} failed; {@code gaveUp}: no more attempts until the membership changes. */
        void failed(String target, boolean gaveUp);

        /** Whether that action still runs (a held action may be gone by the time its pause ends). */
        boolean stillRunning(int transitionId, int actionId);
    }

    /**
     * A request sent on behalf of a graph action, or of an admin ({@code requester} non-null: the
     * node to answer, with its {@code adminId}; no transition then).
     */
    private record Wait(int transitionId, int actionId, String target, String action, String executor,
                        String requester, long adminId) {
        boolean manual() {
            return requester != null;
        }
    }

    /** An action waiting for its target's pause after a failure to end. */
    private record Held(int transitionId, GraphAction action, Duration stonithTimeout, Duration clusterDelay) {
    }

    private final ControllerCore core;
    private final Outcomes outcomes;
    private final Map<String, Integer> failures = new TreeMap<>();
    private final Map<String, Instant> retryAt = new TreeMap<>();
    private final Map<Integer, Held> held = new TreeMap<>();
    private final Map<Long, Wait> requests = new TreeMap<>();
    private long nextRequest = 1;

    FenceCoordinator(ControllerCore core, Outcomes outcomes) {
        this.core = core;
        this.outcomes = outcomes;
    }

    /**
     * Starts graph action {@code a} (task stonith) of transition {@code transitionId}. Returns
     * false when it failed at once because the DC gave up on this target (a quiet failure: it
     * must not make the DC schedule again right away).
     */
    boolean start(GraphAction a, int transitionId, Duration stonithTimeout, Duration clusterDelay, Instant now,
                  Effects fx) {
        String target = a.node();
        int attempts = failures.getOrDefault(target, 0);
        if (attempts >= core.options().stonithMaxAttempts()) {
            fx.warning("not fencing " + target + " again: gave up after " + attempts + " failed attempts");
            outcomes.actionDone(transitionId, a.id(), true);
            return false;
        }
        Instant retry = retryAt.get(target);
        if (retry != null && now.isBefore(retry)) {
            held.put(a.id(), new Held(transitionId, a, stonithTimeout, clusterDelay));
            fx.add(new Effect.SetTimer(RETRY_TIMER + target, retry));
            return true;
        }
        send(a, transitionId, stonithTimeout, clusterDelay, now, fx);
        return true;
    }

    private void send(GraphAction a, int transitionId, Duration stonithTimeout, Duration clusterDelay, Instant now,
                      Effects fx) {
        String target = a.node();
        String action = a.parameters().getOrDefault("CRM_meta_stonith_action", "reboot");
        String executor = executorFor(target);
        if (executor == null) {
            fx.error("cannot fence " + target + ": no other member to do it");
            outcomes.actionDone(transitionId, a.id(), true);
            outcomes.failed(target, false);
            return;
        }
        Duration delay = priorityDelay(a, target);
        long id = nextRequest++;
        requests.put(id, new Wait(transitionId, a.id(), target, action, executor, null, 0));
        fx.notice("requesting fencing (" + action + ") of " + target + " from " + executor
                + (delay.isZero() ? "" : " with priority-fencing-delay " + delay.toMillis() + "ms"));
        fx.send(executor, new Message.FenceRequest(id, target, action, delay.toMillis()));
        // The fencer answers within its own timeouts (several devices may be tried); this bound
        // only guards against an answer that never comes.
        fx.add(new Effect.SetTimer(TIMEOUT_TIMER + id, now.plus(stonithTimeout.multipliedBy(2)).plus(delay)
                .plus(clusterDelay)));
    }

    /**
     * Fences {@code target} for an admin on {@code requester} (request {@code adminId}), outside
     * any transition: no priority delay, no retry, and a failure neither counts towards
     * stonith-max-attempts nor aborts the transition. The answer goes to the requester.
     */
    void startManual(String requester, long adminId, String target, String action, Duration stonithTimeout,
                     Duration clusterDelay, Instant now, Effects fx) {
        String executor = executorFor(target);
        if (executor == null) {
            answer(requester, adminId, false, "cannot fence " + target + ": no other member to do it", fx);
            return;
        }
        long id = nextRequest++;
        requests.put(id, new Wait(-1, -1, target, action, executor, requester, adminId));
        fx.notice("requesting fencing (" + action + ") of " + target + " from " + executor + " as " + requester
                + "'s admin asked");
        fx.send(executor, new Message.FenceRequest(id, target, action, 0));
        fx.add(new Effect.SetTimer(TIMEOUT_TIMER + id, now.plus(stonithTimeout.multipliedBy(2)).plus(clusterDelay)));
    }

    /** Tells the admin's node how its request went (this node's own admin directly). */
    void answer(String requester, long adminId, boolean success, String message, Effects fx) {
        if (requester.equals(core.localNode())) {
            fx.add(new Effect.FenceAnswered(adminId, success, message));
        } else {
            fx.send(requester, new Message.AdminFenceReply(adminId, success, message));
        }
    }

    /** The member that fences {@code target}: this DC, unless the target is the DC itself. */
    private String executorFor(String target) {
        if (!target.equals(core.localNode())) {
            return core.localNode();
        }
        for (String m : core.members()) {
            if (!m.equals(target)) {
                return m;
            }
        }
        return null;
    }

    private Duration priorityDelay(GraphAction a, String target) {
        String fromGraph = a.parameters().get("CRM_meta_priority_fencing_delay");
        if (fromGraph != null) {
            return Duration.ofMillis(Durations.parseMillisOr(fromGraph, 0));
        }
        return PriorityFencingDelay.forTarget(core.cib(), target, membersPerCib(core.cib()));
    }

    /**
     * The partition as the CIB the graph was planned from shows it. The daemon records a view
     * change in the CIB, and that copy can reach the controller before the view itself does: the
     * view would still count the lost node as a member, and the delay would wrongly be dropped.
     */
    private static Set<String> membersPerCib(Cib cib) {
        Set<String> members = new TreeSet<>();
        for (NodeState state : cib.status().nodes()) {
            String inCcm = state.get("in_ccm");
            if (state.uname() != null && inCcm != null && !inCcm.equals("false") && "online".equals(state.get("crmd"))) {
                members.add(state.uname());
            }
        }
        return members;
    }

    void onReply(Message.FenceReply reply, Instant now, Effects fx) {
        Wait wait = requests.remove(reply.requestId());
        fx.add(new Effect.CancelTimer(TIMEOUT_TIMER + reply.requestId()));
        done(wait, reply.record(), now, fx);
    }

    /** Returns true when the timer was one of fencing's. */
    boolean onTimer(String id, Instant now, Effects fx) {
        if (id.startsWith(TIMEOUT_TIMER)) {
            Wait wait = requests.remove(Long.parseLong(id.substring(TIMEOUT_TIMER.length())));
            if (wait != null) {
                done(wait, new FenceRecord(wait.target(), wait.action(), false, wait.executor(), core.localNode(),
                        List.of(), "no answer from the fencer on " + wait.executor() + " in time", now.toEpochMilli(),
                        now.toEpochMilli()), now, fx);
            }
            return true;
        }
        if (id.startsWith(RETRY_TIMER)) {
            String target = id.substring(RETRY_TIMER.length());
            for (Map.Entry<Integer, Held> e : new ArrayList<>(held.entrySet())) {
                Held h = e.getValue();
                if (h.action().node().equals(target)) {
                    held.remove(e.getKey());
                    if (outcomes.stillRunning(h.transitionId(), h.action().id())) {
                        send(h.action(), h.transitionId(), h.stonithTimeout(), h.clusterDelay(), now, fx);
                    }
                }
            }
            return true;
        }
        return false;
    }

    private void done(Wait wait, FenceRecord record, Instant now, Effects fx) {
        core.fenceHistory().add(record);
        for (String m : core.members()) {
            if (!m.equals(core.localNode())) {
                fx.send(m, new Message.FenceNotice(record));
            }
        }
        String target = record.target();
        if (wait != null && wait.manual()) {
            manualDone(wait, record, fx);
            return;
        }
        if (record.success()) {
            fx.notice("fencing: " + record.describe());
            failures.remove(target);
            retryAt.remove(target);
            if (wait != null) {
                outcomes.actionDone(wait.transitionId(), wait.actionId(), false);
            }
            if (!record.action().equals("on")) {
                outcomes.fenced(target, wait != null);
            }
            return;
        }
        int count = failures.merge(target, 1, Integer::sum);
        Duration pause = backoff(count);
        retryAt.put(target, now.plus(pause));
        boolean gaveUp = count >= core.options().stonithMaxAttempts();
        fx.error("fencing: " + record.describe() + (gaveUp ? "; giving up after " + count
                + " attempts (stonith-max-attempts) until the membership or configuration changes"
                : "; retrying in " + pause.toMillis() + "ms"));
        if (wait != null) {
            outcomes.actionDone(wait.transitionId(), wait.actionId(), true);
        }
        outcomes.failed(target, gaveUp);
    }

    private void manualDone(Wait wait, FenceRecord record, Effects fx) {
        if (record.success()) {
            fx.notice("fencing: " + record.describe());
            if (!record.action().equals("on")) {
                outcomes.fenced(record.target(), false);
            }
        } else {
            fx.error("fencing: " + record.describe());
        }
        answer(wait.requester(), wait.adminId(), record.success(), record.describe(), fx);
    }

    /** Requests handed to {@code node}'s fencer are lost with it: their actions fail. */
    void nodeLeft(String node, Effects fx) {
        for (Map.Entry<Long, Wait> e : new ArrayList<>(requests.entrySet())) {
            Wait w = e.getValue();
            if (w.executor().equals(node)) {
                requests.remove(e.getKey());
                fx.add(new Effect.CancelTimer(TIMEOUT_TIMER + e.getKey()));
                String lost = "fencing of " + w.target() + " by " + node + " is lost: " + node + " left";
                fx.warning(lost);
                if (w.manual()) {
                    answer(w.requester(), w.adminId(), false, lost, fx);
                } else {
                    outcomes.actionDone(w.transitionId(), w.actionId(), true);
                }
            }
        }
    }

    /** A new view: every target gets a fresh set of attempts. */
    void resetAttempts() {
        failures.clear();
        retryAt.clear();
    }

    /** The transition ended: held actions go with it. */
    void transitionEnded() {
        held.clear();
    }

    private Duration backoff(int failed) {
        Duration base = core.config().fenceBackoffBase();
        Duration max = core.config().fenceBackoffMax();
        long ms = base.toMillis() << Math.min(20, Math.max(0, failed - 1));
        return Duration.ofMillis(Math.min(ms, max.toMillis()));
    }
}
