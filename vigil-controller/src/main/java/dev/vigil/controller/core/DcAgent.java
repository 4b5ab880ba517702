package dev.vigil.controller.core;

import dev.vigil.controller.ClusterState;
import dev.vigil.controller.status.CibStatus;
import dev.vigil.controller.status.HistoryDigest;
import dev.vigil.controller.status.OpHistory;
import dev.vigil.controller.status.StatusEdit;
import dev.vigil.controller.status.TransitionKey;
import dev.vigil.controller.wire.FenceRecord;
import dev.vigil.controller.wire.Message;
import dev.vigil.model.cib.Cib;
import dev.vigil.model.cib.LrmOp;
import dev.vigil.model.cib.LrmResource;
import dev.vigil.model.cib.NodeState;
import dev.vigil.model.graph.ActionType;
import dev.vigil.model.graph.GraphAction;
import dev.vigil.scheduler.ClusterSnapshot;
import dev.vigil.scheduler.OperationDigest;
import dev.vigil.scheduler.PlannedChange;
import dev.vigil.scheduler.Scheduler;
import dev.vigil.scheduler.SchedulerResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The DC's duties: join the members (collect each node's history into the CIB status), run
 * the scheduler whenever one of its inputs changed, execute the resulting graph (operations on
 * the nodes, fencing, pseudo and cluster actions) and record every result, aborting and
 * scheduling again on anything unexpected. One instance lives for one DC term; when this node
 * stops being DC it is dropped, and a new DC starts again from the nodes' own histories.
 */
final class DcAgent {
    static final String JOIN_TIMER = "join-retry";
    static final String RECHECK_TIMER = "recheck";
    static final String SETTLE_TIMER = "cib-settle";
    static final String STALE_TIMER = "stale-pending";
    private static final String ACTION_TIMER = "action:";
    private static final Duration DEFAULT_OP_TIMEOUT = Duration.ofSeconds(20);

    private final ControllerCore core;
    private final String dcUuid;
    private final JoinTracker joins;
    private final StatusWriter writer;
    /** The boot id each joined node reported: another one later means its controller restarted. */
    private final Map<String, String> bootIds = new TreeMap<>();
    /** History checks that failed in a row per node; past a few the DC stops re-joining (a codec quirk, not a loss). */
    private final Map<String, Integer> historyMismatches = new TreeMap<>();
    private final FenceCoordinator fencing;
    private TransitionRun transition;
    private int transitionCounter;
    private boolean dirty = true;
    private String dirtyReason = "this node became the DC";
    /** A failure the DC gave up on must not make it reschedule at once, or it would loop. */
    private boolean quietFailure;
    private SchedulerInputs lastInputs;
    /**
     * Nodes whose status the running transition itself changed as planned (a fencing, a
     * shutdown): those changes need not abort it. A run after the transition checks that nothing
     * else changed at the same time.
     */
    private final Set<String> quietNodes = new TreeSet<>();
    private boolean rerunAfterTransition;

    DcAgent(ControllerCore core, String dcUuid, long term) {
        this.core = core;
        this.dcUuid = dcUuid;
        CoreConfig cfg = core.config();
        this.joins = new JoinTracker(cfg.joinTimeout(), cfg.joinAttempts(), term * 1_000_000L);
        this.writer = new StatusWriter(cfg.maxWritesInFlight(), cfg.writeRetries(), cfg.settleTimeout());
        this.fencing = new FenceCoordinator(core, new FenceOutcomes());
    }

    /** How fencing results reach the transition, the CIB status and the decision to schedule. */
    private final class FenceOutcomes implements FenceCoordinator.Outcomes {
        @Override
        public void actionDone(int transitionId, int actionId, boolean failed) {
            if (transition != null && transition.id() == transitionId) {
                transition.finish(actionId, failed);
            }
        }

        @Override
        public void fenced(String target, boolean planned) {
            writer.add(new StatusEdit.NodeFenced(target));
            joins.forget(target);
            if (planned && transition != null) {
                quietNodes.add(target);
            } else {
                markDirty("node " + target + " was fenced");
            }
        }

        @Override
        public void failed(String target, boolean gaveUp) {
            if (gaveUp) {
                quietFailure = true;
            } else {
                abort("fencing of " + target + " failed");
            }
        }

        @Override
        public boolean stillRunning(int transitionId, int actionId) {
            return transition != null && transition.id() == transitionId
                    && transition.state(actionId) == TransitionRun.State.RUNNING;
        }
    }

    String dcUuid() {
        return dcUuid;
    }

    /** The id of the transition running now, or -1. */
    int runningTransition() {
        return transition == null ? -1 : transition.id();
    }

    // ------------------------------------------------------------------ taking over

    void begin(Instant now, Effects fx) {
        fx.notice("this node is now the DC (" + core.members().size() + " members: "
                + String.join(" ", core.members()) + ")");
        Set<String> members = core.members();
        for (NodeState s : core.cib().status().nodes()) {
            if (s.uname() != null && !members.contains(s.uname()) && !isDown(s)) {
                writer.add(new StatusEdit.SetNodeFields(s.uname(), downFields()));
                writer.add(new StatusEdit.ClearTransientAttributes(s.uname()));
            }
        }
        for (String m : members) {
            requestJoin(m, now, fx);
        }
        lastInputs = SchedulerInputs.of(core.cib());
    }

    private static boolean isDown(NodeState s) {
        return "false".equals(s.get("in_ccm")) && "offline".equals(s.get("crmd")) && "down".equals(s.get("join"));
    }

    private static Map<String, String> downFields() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("in_ccm", "false");
        f.put("crmd", "offline");
        f.put("join", "down");
        return f;
    }

    private void requestJoin(String node, Instant now, Effects fx) {
        long joinId = joins.request(node, now);
        fx.send(node, new Message.JoinRequest(dcUuid, joinId));
        Instant deadline = joins.nextDeadline();
        if (deadline != null) {
            fx.add(new Effect.SetTimer(JOIN_TIMER, deadline));
        }
    }

    // ------------------------------------------------------------------ inputs

    void onClusterChanged(ClusterState before, ClusterState now, Instant at, Effects fx) {
        Set<String> oldMembers = before == null || before.view() == null ? Set.of() : new TreeSet<>(before.view().members());
        Set<String> newMembers = core.members();
        for (String gone : oldMembers) {
            if (!newMembers.contains(gone)) {
                nodeLeft(gone, fx);
            }
        }
        for (String joined : newMembers) {
            if (!oldMembers.contains(joined)) {
                requestJoin(joined, at, fx);
                abort("node " + joined + " joined");
            }
        }
        boolean quorumChanged = before == null || before.quorum() == null || now.quorum() == null
                || before.quorum().quorate() != now.quorum().quorate();
        if (quorumChanged) {
            markDirty("quorum changed");
        }
        // A new view gives fencing a fresh set of attempts.
        fencing.resetAttempts();
    }

    /** A node says which run of its controller this is; a new one means it restarted unseen. */
    void onHello(String from, Message.Hello hello, Instant now, Effects fx) {
        String known = bootIds.get(from);
        if (known == null || known.equals(hello.bootId()) || !core.members().contains(from)) {
            return;
        }
        fx.notice("the controller of " + from + " restarted without leaving the membership; collecting its history again");
        failRunningOn(from, fx);
        bootIds.remove(from);
        requestJoin(from, now, fx);
        abort("node " + from + " restarted");
    }

    /**
     * Anti-entropy: the node's history fingerprint against the CIB's copy of it. Checked only
     * when nothing for that node is on its way (no running action there, all writes settled),
     * so a difference means something was lost; the node's history is collected again.
     */
    void onHistoryCheck(String from, Message.HistoryCheck check, Instant now, Effects fx) {
        if (!joins.isJoined(from) || !check.bootId().equals(bootIds.get(from))) {
            onHello(from, new Message.Hello(check.bootId()), now, fx);
            return;
        }
        if ((transition != null && !transition.runningOn(from).isEmpty()) || writer.hasPending()
                || !writer.settled(core.cib().version(), now)) {
            return;
        }
        NodeState state = CibStatus.node(core.cib(), from);
        String ours = HistoryDigest.of(state == null ? List.of() : state.lrmResources());
        if (ours.equals(check.digest())) {
            historyMismatches.remove(from);
            return;
        }
        int mismatches = historyMismatches.merge(from, 1, Integer::sum);
        if (mismatches > 3) {
            if (mismatches == 4) {
                fx.error("the history of " + from + " still differs from the CIB after collecting it "
                        + (mismatches - 1) + " times; not collecting it again until it rejoins");
            }
            return;
        }
        fx.warning("the history of " + from + " differs from the CIB (a result was lost); collecting it again");
        requestJoin(from, now, fx);
        abort("the history of " + from + " was out of date");
    }

    private void failRunningOn(String node, Effects fx) {
        if (transition != null) {
            for (GraphAction a : transition.runningOn(node)) {
                transition.finish(a.id(), true);
                fx.add(new Effect.CancelTimer(actionTimer(transition.id(), a.id())));
                fx.warning("action " + a.id() + " (" + a.key() + ") was running on " + node + ", which is gone");
            }
        }
    }

    private void nodeLeft(String node, Effects fx) {
        fx.notice("node " + node + " left the cluster");
        joins.forget(node);
        bootIds.remove(node);
        writer.add(new StatusEdit.SetNodeFields(node, downFields()));
        writer.add(new StatusEdit.ClearTransientAttributes(node));
        failRunningOn(node, fx);
        fencing.nodeLeft(node, fx);
        abort("node " + node + " left");
    }

    void onCibCommitted(Cib cib, Effects fx) {
        SchedulerInputs inputs = SchedulerInputs.of(cib);
        if (inputs.equals(lastInputs)) {
            return;
        }
        String why = inputs.differenceFrom(lastInputs);
        boolean expected = transition != null && !quietNodes.isEmpty() && inputs.differsOnlyIn(lastInputs, quietNodes);
        lastInputs = inputs;
        if (expected) {
            rerunAfterTransition = true;
        } else {
            abort(why);
        }
    }

    void onJoinReply(String from, Message.JoinReply reply, Instant now, Effects fx) {
        if (!core.members().contains(from) || !joins.accept(from, reply.joinId())) {
            return;
        }
        bootIds.put(from, reply.bootId());
        if (historyMismatches.getOrDefault(from, 0) > 3) {
            historyMismatches.remove(from);
        }
        writer.add(new StatusEdit.ReplaceHistory(from, reply.history()));
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("in_ccm", "true");
        fields.put("crmd", "online");
        fields.put("join", "member");
        fields.put("expected", "member");
        writer.add(new StatusEdit.SetNodeFields(from, fields));
        if (reply.shutdownRequested()) {
            requestShutdownAttribute(from, now);
        } else if (CibStatus.transientAttributes(CibStatus.node(core.cib(), from)).containsKey("shutdown")) {
            // Left over from an earlier life of the node: it is not shutting down now.
            writer.add(new StatusEdit.SetTransientAttribute(from, "shutdown", null));
        }
        fx.info("node " + from + " joined with the history of " + reply.history().size() + " resources");
        abort("node " + from + " joined");
    }

    void onExecResult(String from, Message.ExecResult r, Instant now, Effects fx) {
        if (!core.members().contains(from)) {
            return; // a node that left: its status is reset when it comes back or is fenced
        }
        LrmOp op = r.op();
        writer.add(new StatusEdit.RecordOperation(from, r.rscId(), r.agentClass(), r.provider(), r.type(), op));
        TransitionKey key = TransitionKey.parse(op.transitionKey());
        boolean failed = OpHistory.failed(op);
        GraphAction action = matchRunning(key, from);
        String what = op.get("operation_key") + " on " + from + " (rc=" + op.rcCode() + ", " + statusWord(op) + ")";
        if (action != null) {
            boolean ignore = "ignore".equals(action.parameters().get("CRM_meta_on_fail"));
            transition.finish(action.id(), failed && !ignore);
            fx.add(new Effect.CancelTimer(actionTimer(transition.id(), action.id())));
            writer.addAll(FailurePolicy.editsFor(from, r.rscId(), op, ignore, core.options(), now));
            if (failed && !ignore) {
                fx.notice("transition " + transition.id() + " action " + action.id() + " " + what + ": expected rc "
                        + OpHistory.expectedRc(op) + exitReason(op));
                abort("action " + action.key() + " failed");
            } else {
                fx.info("transition " + transition.id() + " action " + action.id() + " confirmed: " + what);
            }
            return;
        }
        if (op.opStatus() == LrmOp.STATUS_CANCELLED) {
            return;
        }
        writer.addAll(FailurePolicy.editsFor(from, r.rscId(), op, false, core.options(), now));
        if (op.intervalMs() > 0) {
            fx.notice("recurring " + what + (failed ? " failed" + exitReason(op) : " changed"));
            abort("a recurring result changed");
        } else {
            fx.info("result outside the running transition: " + what);
            abort("an operation result arrived outside the running transition");
        }
    }

    void onActionDone(String from, Message.ActionDone d, Effects fx) {
        if (!core.members().contains(from)) {
            return;
        }
        if (d.opId() != null) {
            writer.add(new StatusEdit.RemoveOperation(from, d.rscId(), d.opId()));
        } else if (d.ok()) {
            writer.add(new StatusEdit.ForgetResource(from, d.rscId()));
        }
        GraphAction action = matchRunning(TransitionKey.parse(d.transitionKey()), from);
        if (action != null) {
            transition.finish(action.id(), !d.ok());
            fx.add(new Effect.CancelTimer(actionTimer(transition.id(), action.id())));
            if (!d.ok()) {
                fx.warning("action " + action.key() + " on " + from + " failed: " + d.reason());
                abort("action " + action.key() + " failed");
            }
        }
    }

    void onFenceReply(String from, Message.FenceReply reply, Instant now, Effects fx) {
        fencing.onReply(reply, now, fx);
    }

    void onFenceNotice(Message.FenceNotice notice, Effects fx) {
        FenceRecord record = notice.record();
        core.fenceHistory().add(record);
        if (record.success() && !record.action().equals("on") && !core.members().contains(record.target())) {
            writer.add(new StatusEdit.NodeFenced(record.target()));
            markDirty("node " + record.target() + " was fenced by " + record.executor());
        }
    }

    /**
     * An admin on {@code requester} asked to fence {@code target}. Refused: an unknown node, an
     * action other than reboot or off, this DC (its answer would be lost with it, and fencing
     * the DC is what the cluster itself does when the DC fails) and the requester itself (it
     * would not hear the answer; ask from another node).
     */
    void onAdminFence(String requester, long adminId, String target, String action, Instant now, Effects fx) {
        String refusal = adminFenceRefusal(requester, target, action);
        if (refusal != null) {
            fx.warning("refusing to fence " + target + " for " + requester + ": " + refusal);
            fencing.answer(requester, adminId, false, refusal, fx);
            return;
        }
        fencing.startManual(requester, adminId, target, action.equals("poweroff") ? "off" : action,
                core.options().stonithTimeout(), core.options().clusterDelay(), now, fx);
    }

    private String adminFenceRefusal(String requester, String target, String action) {
        if (!action.equals("reboot") && !action.equals("off") && !action.equals("poweroff")) {
            return "unknown fence action '" + action + "' (reboot or off)";
        }
        boolean known = core.members().contains(target) || core.cib().configuration().nodes().stream()
                .anyMatch(n -> target.equals(n.uname()));
        if (!known) {
            return "no node named '" + target + "' in the cluster";
        }
        if (target.equals(core.localNode())) {
            return target + " is the DC; it cannot wait for its own fencing";
        }
        if (target.equals(requester)) {
            return "a node cannot fence itself on an admin's request; ask from another node";
        }
        return null;
    }

    void onShutdownRequest(String from, Instant now, Effects fx) {
        if (!core.members().contains(from)) {
            return;
        }
        fx.notice("node " + from + " asked to shut down: moving its resources away first");
        requestShutdownAttribute(from, now);
        markDirty("node " + from + " asked to shut down");
    }

    private void requestShutdownAttribute(String node, Instant now) {
        String current = CibStatus.transientAttributes(CibStatus.node(core.cib(), node)).get("shutdown");
        if (current == null || current.equals("0")) {
            writer.add(new StatusEdit.SetTransientAttribute(node, "shutdown", Long.toString(now.getEpochSecond())));
        }
    }

    void onCleanup(String rscGraphId, String node, Effects fx) {
        ResourceIndex index = core.index();
        String rscId = rscGraphId == null ? null : index.historyId(rscGraphId);
        writer.add(new StatusEdit.ClearFailures(node, rscId, null));
        for (NodeState s : core.cib().status().nodes()) {
            if (s.uname() == null || (node != null && !node.equals(s.uname()))) {
                continue;
            }
            for (LrmResource r : s.lrmResources()) {
                boolean chosen = rscId != null ? r.id().equals(rscId)
                        : r.ops().stream().anyMatch(o -> o.id() != null && o.id().endsWith("_last_failure_0"));
                if (!chosen) {
                    continue;
                }
                writer.add(new StatusEdit.ForgetResource(s.uname(), r.id()));
                if (core.members().contains(s.uname())) {
                    fx.send(s.uname(), new Message.ExecRequest(null, r.id(), r.agentClass(), r.provider(), r.type(),
                            "delete", 0, Map.of()));
                }
            }
        }
        fx.notice("cleanup of " + (rscGraphId == null ? "failed resources" : rscGraphId) + " on "
                + (node == null ? "every node" : node));
        abort("cleanup");
    }

    /** Returns true when the timer was the DC's. */
    boolean onTimer(String id, Instant now, Effects fx) {
        if (id.equals(JOIN_TIMER)) {
            List<String> gaveUp = new ArrayList<>();
            for (String node : joins.due(now, gaveUp)) {
                if (core.members().contains(node)) {
                    requestJoin(node, now, fx);
                }
            }
            for (String node : gaveUp) {
                fx.warning("node " + node + " did not report its history after "
                        + core.config().joinAttempts() + " requests; scheduling without it");
                markDirty("gave up waiting for " + node);
            }
            Instant next = joins.nextDeadline();
            if (next != null) {
                fx.add(new Effect.SetTimer(JOIN_TIMER, next));
            }
            return true;
        }
        if (id.startsWith(ACTION_TIMER)) {
            actionTimedOut(id, now, fx);
            return true;
        }
        if (fencing.onTimer(id, now, fx)) {
            return true;
        }
        if (id.equals(RECHECK_TIMER)) {
            markDirty("cluster-recheck-interval or a failure-timeout passed");
            return true;
        }
        if (id.equals(STALE_TIMER)) {
            staleCheck(now, fx);
            return true;
        }
        return id.equals(SETTLE_TIMER) || id.equals(StatusWriter.RETRY_TIMER);
    }

    void onWriteFinished(Input.CibWriteFinished w, Effects fx) {
        if (!writer.finished(w.writeId(), w.version(), w.error(), w.now(), fx)) {
            for (String m : core.members()) {
                requestJoin(m, w.now(), fx);
            }
            abort("status changes were lost");
        }
    }

    // ------------------------------------------------------------------ the loop

    /** After every input: send status changes, finish a complete transition, schedule if due. */
    void afterStep(Instant now, Effects fx) {
        writer.flush(now, fx);
        if (transition != null) {
            fire(now, fx);
            if (transition.isComplete()) {
                complete(fx);
            }
        }
        maybeSchedule(now, fx);
        writer.flush(now, fx);
    }

    private void complete(Effects fx) {
        TransitionRun done = transition;
        transition = null;
        fencing.transitionEnded();
        boolean clean = !done.isAborted() && !done.anyFailed();
        fx.info("transition " + done.id() + " " + (clean ? "complete" : done.isAborted()
                ? "stopped (" + done.abortReason() + ")" : "ended with failures") + ": " + done.summary());
        if (!clean && !quietFailure) {
            markDirty(done.isAborted() ? done.abortReason() : "actions failed");
        } else if (rerunAfterTransition) {
            markDirty("a check after the planned status changes of " + String.join(", ", quietNodes));
        }
        quietFailure = false;
        quietNodes.clear();
        rerunAfterTransition = false;
    }

    private void maybeSchedule(Instant now, Effects fx) {
        if (!dirty || transition != null) {
            return;
        }
        if (!joins.settled(core.members())) {
            return;
        }
        Cib cib = core.cib();
        if (!writer.settled(cib.version(), now)) {
            Instant deadline = writer.settleDeadline(cib.version());
            if (deadline != null) {
                fx.add(new Effect.SetTimer(SETTLE_TIMER, deadline));
            }
            return;
        }
        boolean quorate = core.clusterState() != null && core.clusterState().quorum() != null
                && core.clusterState().quorum().quorate();
        Cib input = cib.withAttribute("have-quorum", quorate ? "1" : "0")
                .withAttribute("dc-uuid", CibStatus.nodeId(cib, core.localNode()))
                .withAttribute("execution-date", null);
        String reason = dirtyReason;
        dirty = false;
        dirtyReason = null;
        SchedulerResult result;
        try {
            result = Scheduler.schedule(new ClusterSnapshot(input, now));
        } catch (RuntimeException e) {
            fx.error("the scheduler failed on CIB " + cib.version() + ": " + e + "; trying again at the next recheck");
            fx.add(new Effect.SetTimer(RECHECK_TIMER, now.plus(Duration.ofSeconds(10))));
            return;
        }
        for (String w : result.warnings()) {
            fx.warning("scheduler: " + w);
        }
        fx.add(new Effect.SetTimer(RECHECK_TIMER, Recheck.next(cib, core.index(), core.options(), now)));
        scheduleStaleCheck(cib, now, fx);
        int id = ++transitionCounter;
        if (result.graph().isEmpty()) {
            fx.info("transition " + id + " (" + reason + "): nothing to do");
            return;
        }
        fx.notice("transition " + id + " (" + reason + "): " + describe(result.changes()) + " ("
                + result.graph().synapses().size() + " actions, CIB " + cib.version() + ")");
        transition = new TransitionRun(id, result.graph(), batchLimit(result));
        fire(now, fx);
        if (transition.isComplete()) {
            complete(fx);
        }
    }

    private int batchLimit(SchedulerResult result) {
        String v = result.graph().settings().get("batch-limit");
        long limit = ClusterOptions.number(v, 0);
        return limit > 0 ? (int) Math.min(limit, 10_000) : core.config().defaultBatchLimit();
    }

    private static String describe(List<PlannedChange> changes) {
        if (changes.isEmpty()) {
            return "housekeeping";
        }
        List<String> parts = new ArrayList<>();
        for (PlannedChange c : changes) {
            parts.add(c.change() + " " + c.subject() + (c.details().isEmpty() ? "" : " (" + c.details() + ")")
                    + (c.reason().isEmpty() ? "" : " " + c.reason()));
        }
        return String.join(", ", parts);
    }

    // ------------------------------------------------------------------ firing actions

    private void fire(Instant now, Effects fx) {
        // Each pass may confirm pseudo and cluster actions at once, which readies more; the
        // number of passes is bounded by the number of actions.
        int passes = transition.graph().synapses().size() + 1;
        for (int i = 0; i < passes; i++) {
            List<GraphAction> ready = transition.takeReady();
            if (ready.isEmpty()) {
                return;
            }
            for (GraphAction a : ready) {
                start(a, now, fx);
            }
        }
    }

    private void start(GraphAction a, Instant now, Effects fx) {
        if (a.type() == ActionType.PSEUDO) {
            transition.finish(a.id(), false);
            return;
        }
        if (a.type() == ActionType.CLUSTER) {
            clusterAction(a, now, fx);
            return;
        }
        resourceAction(a, now, fx);
    }

    private void clusterAction(GraphAction a, Instant now, Effects fx) {
        switch (a.task()) {
            case "stonith" -> {
                Duration stonithTimeout = ClusterOptions.duration(transition.graph().settings().get("stonith-timeout"),
                        core.options().stonithTimeout());
                Duration clusterDelay = ClusterOptions.duration(transition.graph().settings().get("cluster-delay"),
                        core.options().clusterDelay());
                if (!fencing.start(a, transition.id(), stonithTimeout, clusterDelay, now, fx)) {
                    quietFailure = true;
                }
            }
            case "do_shutdown" -> {
                Map<String, String> fields = new LinkedHashMap<>();
                fields.put("expected", "down");
                writer.add(new StatusEdit.SetNodeFields(a.node(), fields));
                quietNodes.add(a.node());
                fx.send(a.node(), new Message.ShutdownAllowed());
                fx.notice("node " + a.node() + " may shut down now");
                transition.finish(a.id(), false);
            }
            case "clear_failcount" -> {
                String rsc = a.resource() == null ? null : core.index().historyId(a.resource());
                writer.add(new StatusEdit.ClearFailures(a.node(), rsc, null));
                transition.finish(a.id(), false);
            }
            default -> {
                fx.info("cluster action " + a.task() + " needs nothing from the controller");
                transition.finish(a.id(), false);
            }
        }
    }

    private void resourceAction(GraphAction a, Instant now, Effects fx) {
        String node = a.node();
        if (node == null || !core.members().contains(node) || !joins.isJoined(node)) {
            transition.finish(a.id(), true);
            fx.warning("action " + a.key() + " cannot run: node " + node + " is not an active member");
            abort("node " + node + " is not available");
            return;
        }
        String rscId = core.index().historyId(a.resource());
        AgentRef agent = agentFor(a.resource(), rscId, node);
        if (agent == null) {
            transition.finish(a.id(), true);
            fx.error("action " + a.key() + " cannot run: resource " + a.resource()
                    + " is neither configured nor in the history of " + node);
            abort("unknown resource " + a.resource());
            return;
        }
        int targetRc = (int) ClusterOptions.number(a.parameters().get("CRM_meta_op_target_rc"), 0);
        TransitionKey key = new TransitionKey(a.id(), transition.id(), targetRc, dcUuid);
        Message.ExecRequest request = new Message.ExecRequest(key.toString(), rscId, agent.agentClass(),
                agent.provider(), agent.type(), a.task(), a.intervalMs(), a.parameters());
        if (NodeAgent.isActivating(a.task())) {
            writer.add(new StatusEdit.RecordOperation(node, rscId, agent.agentClass(), agent.provider(), agent.type(),
                    PendingOps.of(rscId, a.task(), a.intervalMs(), key.toString(), node, now,
                            OperationDigest.ofGraphAction(a.parameters(), a.intervalMs()))));
        }
        Duration timeout = Duration.ofMillis(Math.max(1, ClusterOptions.number(a.parameters().get("CRM_meta_timeout"),
                DEFAULT_OP_TIMEOUT.toMillis())));
        Duration clusterDelay = ClusterOptions.duration(transition.graph().settings().get("cluster-delay"),
                core.options().clusterDelay());
        fx.add(new Effect.SetTimer(actionTimer(transition.id(), a.id()), now.plus(timeout).plus(clusterDelay)));
        fx.info("transition " + transition.id() + " action " + a.id() + ": " + a.key() + " on " + node);
        fx.send(node, request);
    }

    private record AgentRef(String agentClass, String provider, String type) {
    }

    private AgentRef agentFor(String graphId, String rscId, String node) {
        ResourceIndex.Info info = core.index().lookup(graphId);
        if (info != null) {
            return new AgentRef(info.agentClass(), info.provider(), info.type());
        }
        NodeState s = CibStatus.node(core.cib(), node);
        if (s != null) {
            for (LrmResource r : s.lrmResources()) {
                if (r.id().equals(rscId) && r.agentClass() != null) {
                    return new AgentRef(r.agentClass(), r.provider(), r.type());
                }
            }
        }
        return null;
    }

    private void actionTimedOut(String timerId, Instant now, Effects fx) {
        String[] parts = timerId.substring(ACTION_TIMER.length()).split(":");
        if (transition == null || parts.length != 2 || Integer.parseInt(parts[0]) != transition.id()) {
            return;
        }
        int actionId = Integer.parseInt(parts[1]);
        GraphAction a = transition.action(actionId);
        if (a == null || transition.state(actionId) != TransitionRun.State.RUNNING) {
            return;
        }
        transition.finish(actionId, true);
        fx.error("action " + a.key() + " on " + a.node() + " did not answer in time; asking " + a.node()
                + " for its history");
        abort("action " + a.key() + " timed out");
        if (a.node() != null && core.members().contains(a.node())) {
            requestJoin(a.node(), now, fx);
        }
    }

    /**
     * Pending entries in the CIB that no running action accounts for mean a result went missing
     * (or a DC died meanwhile). Their nodes are asked for their history again after a while, so
     * the cluster never waits for such an answer forever.
     */
    private void scheduleStaleCheck(Cib cib, Instant now, Effects fx) {
        if (!stalePendingNodes(cib).isEmpty()) {
            fx.add(new Effect.SetTimer(STALE_TIMER, now.plus(core.config().staleRecheck())));
        }
    }

    private void staleCheck(Instant now, Effects fx) {
        for (String node : stalePendingNodes(core.cib())) {
            if (core.members().contains(node)) {
                fx.info("pending operations on " + node + " have no running action; asking it for its history");
                requestJoin(node, now, fx);
            }
        }
    }

    private Set<String> stalePendingNodes(Cib cib) {
        Set<String> nodes = new TreeSet<>();
        for (NodeState s : cib.status().nodes()) {
            for (LrmResource r : s.lrmResources()) {
                for (LrmOp op : r.ops()) {
                    if (op.opStatus() == LrmOp.STATUS_PENDING && !isRunning(op, s.uname())) {
                        nodes.add(s.uname());
                    }
                }
            }
        }
        return nodes;
    }

    private boolean isRunning(LrmOp op, String node) {
        return matchRunning(TransitionKey.parse(op.transitionKey()), node) != null;
    }

    // ------------------------------------------------------------------ helpers

    private GraphAction matchRunning(TransitionKey key, String node) {
        if (key == null || transition == null || !dcUuid.equals(key.dcUuid()) || key.transitionId() != transition.id()) {
            return null;
        }
        GraphAction a = transition.action(key.actionId());
        if (a == null || transition.state(a.id()) != TransitionRun.State.RUNNING || !node.equals(a.node())) {
            return null;
        }
        return a;
    }

    private void abort(String reason) {
        markDirty(reason);
        if (transition != null) {
            transition.abort(reason);
        }
    }

    private void markDirty(String reason) {
        if (!dirty) {
            dirty = true;
            dirtyReason = reason;
        }
    }

    private static String actionTimer(int transitionId, int actionId) {
        return ACTION_TIMER + transitionId + ":" + actionId;
    }

    private static String statusWord(LrmOp op) {
        return dev.vigil.exec.OpStatus.fromCode(op.opStatus()).description();
    }

    private static String exitReason(LrmOp op) {
        String r = op.exitReason();
        return r == null || r.isEmpty() ? "" : ": " + r;
    }
}
