package dev.vigil.sim;

import dev.vigil.cib.CibXml;
import dev.vigil.cluster.membership.View;
import dev.vigil.cluster.quorum.QuorumState;
import dev.vigil.controller.ClusterState;
import dev.vigil.controller.core.ControllerCore;
import dev.vigil.controller.core.CoreConfig;
import dev.vigil.controller.core.Effect;
import dev.vigil.controller.core.Input;
import dev.vigil.controller.status.StatusEdit;
import dev.vigil.controller.wire.FenceRecord;
import dev.vigil.controller.wire.Message;
import dev.vigil.controller.wire.MessageCodec;
import dev.vigil.exec.OperationResult;
import dev.vigil.model.cib.Cib;
import dev.vigil.model.cib.CibVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Runs a whole cluster of real controller cores on simulated machines from one seed: a fault
 * phase (crashes, controller kills, partitions, message loss, hung and failing agents, failed
 * fencing, graceful shutdowns), then a quiet phase with every fault cleared and every node back.
 * Safety is checked after every event, liveness at the end; any failure throws
 * {@link SimFailure} naming the seed and the last events.
 */
public final class Simulation {

    /**
     * What to simulate.
     *
     * @param nodes          cluster size (node1 … nodeN)
     * @param cibXml         the initial CIB (configuration; the status section is built by the cluster)
     * @param faultPhase     how long faults are injected
     * @param quietPhase     how long the cluster then runs without faults before liveness is checked
     * @param meanFaultGap   mean time between two faults
     * @param stonithEnabled whether fencing is on (the double-active check assumes it)
     * @param core           controller tunables
     */
    public record Settings(int nodes, String cibXml, Duration faultPhase, Duration quietPhase, Duration meanFaultGap,
                           boolean stonithEnabled, CoreConfig core) {
    }

    /** What a run did, for test output. */
    public record Report(long seed, long events, List<String> faults, int dcChanges, int fencings) {
    }

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final int TRACE_LINES = 400;
    private static final long CRASH_DETECT_MS = 300;
    private static final long PARTITION_DETECT_MS = 1_200;
    private static final long JOIN_DETECT_MS = 400;
    private static final long HEAL_DETECT_MS = 3_000;

    private final long seed;
    private final Settings settings;
    private final Random random;
    private final EventLoop loop = new EventLoop(START, 200_000);
    private final Faults faults = new Faults();
    private final Map<String, SimNode> nodes = new TreeMap<>();
    private final Deque<String> trace = new ArrayDeque<>();
    private final Map<String, Instant> lastDelivery = new TreeMap<>();
    private final Set<String> uniqueResources;
    private final List<String> injected = new ArrayList<>();
    /** Starts and stops as they really happened: "node1 start a" (bounded). */
    private final List<String> opLog = new ArrayList<>();
    private boolean rebootFencedNodes = true;
    private final Map<Long, Effect.FenceAnswered> fenceAnswers = new TreeMap<>();
    private long nextAdminFence = 1;
    private boolean checkDoubleActive = true;
    private int fenceFailurePercent;
    private long viewCounter;
    private int dcChanges;
    private int fencings;
    private boolean quiet;
    private String lastDc;

    public Simulation(long seed, Settings settings) {
        this.seed = seed;
        this.settings = settings;
        this.random = new Random(seed);
        Cib initial = CibXml.parse(settings.cibXml());
        for (int i = 1; i <= settings.nodes(); i++) {
            String name = "node" + i;
            nodes.put(name, new SimNode(name, initial));
        }
        this.uniqueResources = new TreeSet<>(new dev.vigil.controller.core.ResourceIndex(initial.configuration())
                .all().keySet());
    }

    /** Runs both phases and checks liveness; throws {@link SimFailure} on any broken invariant. */
    public Report run() {
        guarded(() -> {
            fenceFailurePercent = 10;
            start();
            scheduleNextFault();
            Instant faultEnd = START.plus(settings.faultPhase());
            loop.runUntil(faultEnd, this::checkSafety);
            beginQuiet();
            loop.runUntil(faultEnd.plus(settings.quietPhase()), this::checkSafety);
            checkLiveness();
        });
        return new Report(seed, loop.executed(), List.copyOf(injected), dcChanges, fencings);
    }

    private void guarded(Runnable body) {
        try {
            body.run();
        } catch (SimFailure f) {
            throw f;
        } catch (RuntimeException | AssertionError e) {
            throw failure("exception at " + loop.now() + ": " + e, e);
        }
    }

    // ------------------------------------------------------------------ scripted use (scenario tests)

    /** Powers every node on (at slightly different times). */
    public void start() {
        for (SimNode n : nodes.values()) {
            long delay = random.nextInt(200);
            loop.after(delay, () -> boot(n));
        }
    }

    /** Runs for {@code d} of simulated time, checking safety after every event. */
    public void runFor(Duration d) {
        guarded(() -> loop.runUntil(loop.now().plus(d), this::checkSafety));
    }

    /** Checks liveness now: every node up in one view, the DC idle, every resource on exactly one node. */
    public void assertConverged() {
        guarded(this::checkLiveness);
    }

    /** Whether fenced nodes power on again a few seconds later (the default) or stay off. */
    public void rebootFencedNodes(boolean reboot) {
        rebootFencedNodes = reboot;
    }

    /** Turns the never-active-twice check off (for scenarios that create that state on purpose). */
    public void checkDoubleActive(boolean check) {
        checkDoubleActive = check;
    }

    public void crash(String node) {
        note("SCRIPT: power off " + node);
        powerOff(nodes.get(node), "crash");
    }

    public void powerOn(String node) {
        note("SCRIPT: power on " + node);
        boot(nodes.get(node));
    }

    public void killController(String node) {
        note("SCRIPT: kill the controller of " + node);
        stopController(nodes.get(node), "killed");
    }

    public void restartController(String node) {
        note("SCRIPT: restart the controller of " + node);
        startController(nodes.get(node));
    }

    /** The resource dies on the node (a crash of its process), to be noticed by its monitor. */
    public void killResource(String node, String rsc) {
        note("SCRIPT: " + rsc + " dies on " + node);
        nodes.get(node).running.remove(rsc);
    }

    public void hangNext(String node, String rsc, String action) {
        note("SCRIPT: the next " + action + " of " + rsc + " on " + node + " hangs");
        faults.armHang(node, rsc, action);
    }

    public void failNextStart(String node, String rsc) {
        note("SCRIPT: the next start of " + rsc + " on " + node + " fails");
        faults.armStartFailure(node, rsc);
    }

    public void gracefulShutdown(String node) {
        note("SCRIPT: graceful shutdown of " + node);
        deliver(nodes.get(node), new Input.ShutdownRequested(loop.now(), true));
    }

    public void partition(Set<String> minority) {
        note("SCRIPT: partition " + minority);
        faults.partition(minority);
        loop.after(PARTITION_DETECT_MS, this::recomputeMembership);
    }

    public void heal() {
        note("SCRIPT: heal");
        faults.heal();
        loop.after(HEAL_DETECT_MS, this::recomputeMembership);
    }

    /** An admin's cleanup of a resource, asked on {@code node}. */
    public void cleanup(String node, String rsc) {
        note("SCRIPT: cleanup " + rsc);
        deliver(nodes.get(node), new Input.CleanupRequested(loop.now(), rsc, null));
    }

    /**
     * An admin's {@code vigil stonith fence}, asked on {@code node}; the answer is in
     * {@link #fenceAnswers()} under the returned id.
     */
    public long fence(String node, String target, String action) {
        note("SCRIPT: fence " + target + " (" + action + ") asked on " + node);
        long id = nextAdminFence++;
        deliver(nodes.get(node), new Input.FenceRequested(loop.now(), id, target, action));
        return id;
    }

    /** The answers to {@link #fence} so far, by request id. */
    public Map<Long, Effect.FenceAnswered> fenceAnswers() {
        return Map.copyOf(fenceAnswers);
    }

    /** The fencing history {@code node}'s controller holds (empty when it is down). */
    public List<FenceRecord> fencingHistory(String node) {
        SimNode n = nodes.get(node);
        return n.core == null ? List.of() : n.core.fencingHistory();
    }

    /** Nodes that really run {@code rsc} now, sorted. */
    public List<String> runningOn(String rsc) {
        List<String> on = new ArrayList<>();
        for (SimNode n : nodes.values()) {
            if (n.powered && n.running.contains(rsc)) {
                on.add(n.name);
            }
        }
        return on;
    }

    /** The DC as the given node sees it, or null. */
    public String dcSeenBy(String node) {
        SimNode n = nodes.get(node);
        return n.state == null ? null : n.state.dc();
    }

    /** A node's copy of the CIB. */
    public Cib cib(String node) {
        return nodes.get(node).cib;
    }

    /** Starts and stops as they really happened, oldest first ("node1 start a"). */
    public List<String> physicalOperations() {
        return List.copyOf(opLog);
    }

    public int fencings() {
        return fencings;
    }

    public Instant now() {
        return loop.now();
    }

    private void physical(String line) {
        if (opLog.size() < 100_000) {
            opLog.add(line);
        }
        note("PHYSICAL: " + line);
    }

    // ------------------------------------------------------------------ machines and controllers

    private void boot(SimNode n) {
        n.powered = true;
        startController(n);
    }

    private void startController(SimNode n) {
        if (!n.powered || n.core != null) {
            return;
        }
        n.incarnation++;
        n.leftGracefully = false;
        n.upSince = loop.now();
        n.core = new ControllerCore(n.name, n.name + "#" + n.incarnation, settings.core());
        n.state = null;
        n.timerGenerations.clear();
        int incarnation = n.incarnation;
        n.executor = new SimExecutor(n.name, loop, new Random(random.nextLong()), faults, n.running,
                (token, result) -> loop.after(0, () -> {
                    if (n.incarnation == incarnation) {
                        deliver(n, new Input.OperationFinished(loop.now(), token, result));
                    }
                }), this::physical);
        note(n.name + ": controller started");
        deliver(n, new Input.CibCommitted(loop.now(), n.cib));
        loop.after(JOIN_DETECT_MS, this::recomputeMembership);
    }

    private void stopController(SimNode n, String why) {
        if (n.core == null) {
            return;
        }
        note(n.name + ": controller stopped (" + why + ")");
        n.core = null;
        n.executor.halt();
        n.incarnation++;
        n.state = null;
        loop.after(CRASH_DETECT_MS, this::recomputeMembership);
    }

    private void powerOff(SimNode n, String why) {
        stopController(n, why);
        n.powered = false;
        n.running.clear();
        note(n.name + ": powered off (" + why + ")");
    }

    /** Hands one input to a node's controller and carries out the effects. */
    private void deliver(SimNode n, Input input) {
        if (!n.controllerUp()) {
            return;
        }
        if (input instanceof Input.CibCommitted c) {
            if (c.cib().version().compareTo(n.seenVersion) < 0) {
                throw failure("the controller on " + n.name + " saw CIB " + c.cib().version() + " after "
                        + n.seenVersion + ": versions must never go back", null);
            }
            n.seenVersion = c.cib().version();
        }
        List<Effect> effects = n.core.step(input);
        int incarnation = n.incarnation;
        for (Effect e : effects) {
            if (n.incarnation != incarnation) {
                return; // the node stopped while carrying out this step (a graceful shutdown)
            }
            apply(n, e);
        }
    }

    private void apply(SimNode n, Effect e) {
        if (e instanceof Effect.Send s) {
            send(n.name, s.node(), s.message());
        } else if (e instanceof Effect.Execute x) {
            n.executor.execute(x.token(), x.request());
        } else if (e instanceof Effect.CancelRecurring c) {
            n.executor.cancel(c.rscId(), c.action(), c.intervalMs());
        } else if (e instanceof Effect.Fence f) {
            fence(n, f);
        } else if (e instanceof Effect.ConfigureFencer c) {
            n.fenceConfig = c.config();
        } else if (e instanceof Effect.WriteCib w) {
            writeCib(n, w);
        } else if (e instanceof Effect.SetTimer t) {
            long gen = n.timerGenerations.merge(t.timerId(), 1L, Long::sum);
            int incarnation = n.incarnation;
            loop.at(t.at(), () -> {
                if (n.incarnation == incarnation && n.timerGenerations.getOrDefault(t.timerId(), 0L) == gen) {
                    deliver(n, new Input.TimerFired(loop.now(), t.timerId()));
                }
            });
        } else if (e instanceof Effect.CancelTimer t) {
            n.timerGenerations.merge(t.timerId(), 1L, Long::sum);
        } else if (e instanceof Effect.Log l) {
            if (l.level() != Effect.Log.Level.DEBUG) {
                note(n.name + " " + l.level() + ": " + l.text());
            }
        } else if (e instanceof Effect.FenceAnswered a) {
            note(n.name + " admin's fence request " + a.requestId() + ": " + (a.success() ? "done" : "failed")
                    + ": " + a.message());
            fenceAnswers.put(a.requestId(), a);
        } else if (e instanceof Effect.ShutdownComplete s) {
            n.leftGracefully = true;
            stopController(n, "graceful shutdown: " + s.reason());
            loop.after(2_000 + random.nextInt(4_000), () -> startController(n));
        }
    }

    // ------------------------------------------------------------------ network

    private void send(String from, String to, Message message) {
        byte[] bytes = MessageCodec.encode(message);
        if (faults.messageLoss() > 0 && random.nextDouble() < faults.messageLoss()) {
            note("lost " + message.getClass().getSimpleName() + " " + from + " -> " + to);
            return;
        }
        SimNode target = nodes.get(to);
        if (target == null) {
            return;
        }
        // FIFO per pair of nodes, 1-3 ms apart.
        Instant at = loop.now().plusMillis(1 + random.nextInt(3));
        Instant last = lastDelivery.get(from + ">" + to);
        if (last != null && at.isBefore(last)) {
            at = last;
        }
        lastDelivery.put(from + ">" + to, at);
        int targetIncarnation = target.incarnation;
        loop.at(at, () -> {
            if (target.incarnation != targetIncarnation || !target.controllerUp() || !faults.connected(from, to)
                    || target.state == null || target.state.view() == null || !target.state.view().contains(from)) {
                return; // the receiver restarted, is cut off, or does not count the sender as a member
            }
            deliver(target, new Input.MessageReceived(loop.now(), from, MessageCodec.decode(bytes)));
        });
    }

    // ------------------------------------------------------------------ membership, quorum, DC

    /** Recomputes views from what is really up and connected, as the membership layer would. */
    private void recomputeMembership() {
        Map<Integer, List<SimNode>> components = new TreeMap<>();
        for (SimNode n : nodes.values()) {
            if (n.controllerUp()) {
                components.computeIfAbsent(faults.group(n.name), g -> new ArrayList<>()).add(n);
            }
        }
        for (List<SimNode> members : components.values()) {
            members.sort(Comparator.comparing((SimNode n) -> n.upSince).thenComparing(n -> n.name));
            List<String> names = members.stream().map(n -> n.name).toList();
            boolean quorate = settings.nodes() == 2 ? !names.isEmpty() : names.size() * 2 > settings.nodes();
            String dc = quorate ? names.get(0) : null;
            QuorumState quorum = new QuorumState(quorate, names.size(), settings.nodes(),
                    settings.nodes() == 2 ? 1 : settings.nodes() / 2 + 1, quorate ? "quorate" : "not quorate");
            boolean changed = false;
            for (SimNode n : members) {
                ClusterState s = n.state;
                if (s == null || !s.view().members().equals(names) || !java.util.Objects.equals(s.dc(), dc)
                        || s.quorum().quorate() != quorate) {
                    changed = true;
                }
            }
            if (!changed) {
                continue;
            }
            reconcileCib(members);
            View view = View.of(++viewCounter, names);
            note("view " + view.id() + ": " + String.join(" ", names) + (dc == null ? " (no quorum)" : " (DC " + dc + ")"));
            if (dc != null && !dc.equals(lastDc)) {
                dcChanges++;
                lastDc = dc;
            }
            for (SimNode n : members) {
                // Members learn of a view a few milliseconds apart, as over a real network: a new
                // DC's first requests may reach a node before the view that names it.
                ClusterState state = new ClusterState(view, quorum, dc);
                int incarnation = n.incarnation;
                loop.after(random.nextInt(4), () -> {
                    if (n.incarnation == incarnation && n.controllerUp()
                            && (n.state == null || n.state.view().id() < view.id())) {
                        n.state = state;
                        deliver(n, new Input.ClusterChanged(loop.now(), state));
                    }
                });
            }
        }
    }

    /** Members of a new view adopt the newest CIB among them, as the CIB manager does after a merge. */
    private void reconcileCib(List<SimNode> members) {
        Cib best = null;
        for (SimNode n : members) {
            if (best == null || n.cib.version().compareTo(best.version()) > 0) {
                best = n.cib;
            }
        }
        for (SimNode n : members) {
            if (n.cib.version().compareTo(best.version()) < 0) {
                commit(n, best);
            }
        }
    }

    // ------------------------------------------------------------------ the CIB

    private void writeCib(SimNode n, Effect.WriteCib w) {
        int incarnation = n.incarnation;
        if (n.state == null || !n.name.equals(n.state.dc())) {
            loop.after(1, () -> {
                if (n.incarnation == incarnation) {
                    deliver(n, new Input.CibWriteFinished(loop.now(), w.writeId(), null, "this node is not the DC"));
                }
            });
            return;
        }
        Cib before = n.cib;
        Cib after = StatusEdit.applyAll(before, w.edits());
        CibVersion version = before.version();
        if (!after.equals(before)) {
            version = after.configuration().equals(before.configuration()) ? version.nextUpdate() : version.nextEpoch();
            after = after.withVersion(version);
            commit(n, after);
            for (String m : n.state.view().members()) {
                SimNode member = nodes.get(m);
                if (member != n) {
                    replicate(n, member, after);
                }
            }
        }
        CibVersion committed = version;
        loop.after(1, () -> {
            if (n.incarnation == incarnation) {
                deliver(n, new Input.CibWriteFinished(loop.now(), w.writeId(), committed, null));
            }
        });
    }

    /** An admin's change of the configuration, applied by the DC of the node's partition. */
    public void changeConfiguration(String description, java.util.function.UnaryOperator<Cib> change) {
        for (SimNode n : nodes.values()) {
            if (n.controllerUp() && n.state != null && n.name.equals(n.state.dc())) {
                Cib after = change.apply(n.cib);
                after = after.withVersion(n.cib.version().nextEpoch());
                note("admin: " + description);
                commit(n, after);
                for (String m : n.state.view().members()) {
                    if (!m.equals(n.name)) {
                        replicate(n, nodes.get(m), after);
                    }
                }
                return;
            }
        }
    }

    private void replicate(SimNode from, SimNode to, Cib cib) {
        Instant at = loop.now().plusMillis(1 + random.nextInt(3));
        Instant last = lastDelivery.get(from.name + ">" + to.name);
        if (last != null && at.isBefore(last)) {
            at = last;
        }
        lastDelivery.put(from.name + ">" + to.name, at);
        loop.at(at, () -> {
            if (to.powered && faults.connected(from.name, to.name)) {
                commit(to, cib);
            }
        });
    }

    private void commit(SimNode n, Cib cib) {
        if (cib.version().compareTo(n.cib.version()) < 0) {
            return; // an older copy that arrived late: the CIB manager keeps the newer one
        }
        n.cib = cib;
        deliver(n, new Input.CibCommitted(loop.now(), cib));
    }

    // ------------------------------------------------------------------ fencing

    private void fence(SimNode executor, Effect.Fence f) {
        int incarnation = executor.incarnation;
        boolean hasDevice = executor.fenceConfig != null && !executor.fenceConfig.devices().isEmpty();
        boolean fails = !quiet && random.nextInt(100) < fenceFailurePercent;
        long delay = f.extraDelay().toMillis() + 20 + random.nextInt(150);
        Instant started = loop.now();
        loop.after(delay, () -> {
            if (executor.incarnation != incarnation || !executor.controllerUp()) {
                return; // the fencer died with its node
            }
            SimNode target = nodes.get(f.target());
            boolean ok = hasDevice && !fails && target != null;
            if (ok && !f.action().word().equals("on")) {
                fencings++;
                physical(executor.name + " fenced " + f.target());
                powerOff(target, "fenced by " + executor.name);
                if (rebootFencedNodes) {
                    scheduleReboot(target);
                }
            }
            String reason = !hasDevice ? "no fence device configured" : fails ? "simulated device failure" : "";
            FenceRecord record = new FenceRecord(f.target(), f.action().word(), ok, executor.name, "?",
                    ok ? List.of("fence_sim") : List.of(), reason, started.toEpochMilli(), loop.now().toEpochMilli());
            deliver(executor, new Input.FenceFinished(loop.now(), f.requestId(), record));
        });
    }

    private void scheduleReboot(SimNode n) {
        loop.after(2_000 + random.nextInt(6_000), () -> {
            if (!n.powered) {
                note(n.name + ": boots");
                boot(n);
            }
        });
    }

    // ------------------------------------------------------------------ faults

    private void scheduleNextFault() {
        long gap = (long) (-Math.log(1 - random.nextDouble()) * settings.meanFaultGap().toMillis());
        loop.after(Math.max(100, gap), () -> {
            if (quiet) {
                return;
            }
            injectFault();
            scheduleNextFault();
        });
    }

    private void injectFault() {
        List<SimNode> up = nodes.values().stream().filter(SimNode::controllerUp).toList();
        if (up.isEmpty()) {
            return;
        }
        SimNode victim = up.get(random.nextInt(up.size()));
        int kind = random.nextInt(9);
        switch (kind) {
            case 0 -> {
                record("power off " + victim.name);
                powerOff(victim, "crash");
                scheduleReboot(victim);
            }
            case 1 -> {
                if (!settings.stonithEnabled()) {
                    return; // a daemon crash without fencing leaves resources running: unsafe by design
                }
                record("kill the controller of " + victim.name);
                stopController(victim, "killed");
                loop.after(2_000 + random.nextInt(6_000), () -> startController(victim));
            }
            case 2 -> {
                if (faults.partitioned() || !settings.stonithEnabled()) {
                    return;
                }
                Set<String> minority = new TreeSet<>();
                minority.add(victim.name);
                record("partition " + minority + " from the rest");
                faults.partition(minority);
                loop.after(PARTITION_DETECT_MS, this::recomputeMembership);
                loop.after(3_000 + random.nextInt(10_000), () -> {
                    record("heal the partition");
                    faults.heal();
                    loop.after(HEAL_DETECT_MS, this::recomputeMembership);
                });
            }
            case 3 -> {
                record("lose 5% of controller messages for 5s");
                faults.setMessageLoss(0.05);
                loop.after(5_000, () -> faults.setMessageLoss(0));
            }
            case 4, 5 -> {
                String rsc = randomResource();
                String action = List.of("start", "stop", "monitor").get(random.nextInt(3));
                record("hang the next " + action + " of " + rsc + " on " + victim.name);
                faults.armHang(victim.name, rsc, action);
            }
            case 6 -> {
                String rsc = randomResource();
                record("fail the next start of " + rsc + " on " + victim.name);
                faults.armStartFailure(victim.name, rsc);
            }
            case 7 -> {
                if (victim.running.isEmpty()) {
                    return;
                }
                List<String> active = new ArrayList<>(victim.running);
                String rsc = active.get(random.nextInt(active.size()));
                record(rsc + " dies on " + victim.name);
                victim.running.remove(rsc);
            }
            default -> {
                record("graceful shutdown of " + victim.name);
                deliver(victim, new Input.ShutdownRequested(loop.now(), true));
            }
        }
    }

    private String randomResource() {
        List<String> list = new ArrayList<>(uniqueResources);
        return list.get(random.nextInt(list.size()));
    }

    private void record(String fault) {
        injected.add(loop.now().toEpochMilli() - START.toEpochMilli() + "ms " + fault);
        note("FAULT: " + fault);
    }

    private void beginQuiet() {
        quiet = true;
        faults.clear();
        note("faults stop; every node comes back");
        loop.after(HEAL_DETECT_MS, this::recomputeMembership);
        for (SimNode n : nodes.values()) {
            if (!n.powered) {
                boot(n);
            } else if (n.core == null) {
                startController(n);
            }
        }
    }

    // ------------------------------------------------------------------ checks

    private void checkSafety() {
        for (String rsc : uniqueResources) {
            List<String> on = new ArrayList<>();
            for (SimNode n : nodes.values()) {
                if (n.powered && n.running.contains(rsc)) {
                    on.add(n.name);
                }
            }
            if (on.size() > 1 && checkDoubleActive && settings.stonithEnabled() && !isFenceDevice(rsc)) {
                throw failure(rsc + " is active on " + on + " at once", null);
            }
        }
    }

    private boolean isFenceDevice(String rsc) {
        return rsc.startsWith("fence");
    }

    private void checkLiveness() {
        List<String> problems = new ArrayList<>();
        SimNode dc = null;
        for (SimNode n : nodes.values()) {
            if (!n.controllerUp()) {
                problems.add(n.name + " is not up");
            } else if (n.state == null || n.state.view().size() != nodes.size()) {
                problems.add(n.name + " is not in a view of all nodes");
            } else if (n.name.equals(n.state.dc())) {
                dc = n;
            }
        }
        if (dc == null) {
            problems.add("no DC");
        } else if (dc.core.runningTransition() >= 0) {
            problems.add("the DC still runs transition " + dc.core.runningTransition());
        }
        for (String rsc : uniqueResources) {
            List<String> on = new ArrayList<>();
            for (SimNode n : nodes.values()) {
                if (n.running.contains(rsc)) {
                    on.add(n.name);
                }
            }
            if (on.size() != 1) {
                problems.add(rsc + " runs on " + on + " (expected exactly one node)");
            }
        }
        if (!problems.isEmpty()) {
            dumpCibs();
            throw failure("no convergence after the faults stopped: " + String.join("; ", problems), null);
        }
    }

    /** With -Dvigil.sim.dumpDir=DIR, writes every node's CIB copy there (to study a failed seed). */
    private void dumpCibs() {
        String dir = System.getProperty("vigil.sim.dumpDir");
        if (dir == null) {
            return;
        }
        try {
            java.nio.file.Files.createDirectories(java.nio.file.Path.of(dir));
            for (SimNode n : nodes.values()) {
                java.nio.file.Files.writeString(java.nio.file.Path.of(dir, seed + "-" + n.name + ".xml"), CibXml.write(n.cib));
            }
        } catch (java.io.IOException e) {
            note("cannot dump CIBs: " + e);
        }
    }

    // ------------------------------------------------------------------ trace

    private void note(String line) {
        trace.addLast(String.format("%8d %s", loop.now().toEpochMilli() - START.toEpochMilli(), line));
        while (trace.size() > TRACE_LINES) {
            trace.removeFirst();
        }
    }

    private SimFailure failure(String what, Throwable cause) {
        return new SimFailure(seed, what, String.join("\n", trace), cause);
    }

    /** The trace so far (for debugging a seed). */
    public List<String> trace() {
        return List.copyOf(trace);
    }
}
