package dev.vigil.daemon.replication;

import dev.vigil.cib.CibFormatException;
import dev.vigil.cib.CibPatch;
import dev.vigil.cib.CibProblem;
import dev.vigil.cib.CibValidator;
import dev.vigil.cib.CibVersions;
import dev.vigil.cib.store.StoredCib;
import dev.vigil.cluster.membership.View;
import dev.vigil.controller.ClusterState;
import dev.vigil.daemon.replication.CibMessage.Commit;
import dev.vigil.daemon.replication.CibMessage.Forward;
import dev.vigil.daemon.replication.CibMessage.Offer;
import dev.vigil.daemon.replication.CibMessage.Outcome;
import dev.vigil.daemon.replication.CibMessage.Reply;
import dev.vigil.daemon.replication.ReplicaEffect.Broadcast;
import dev.vigil.daemon.replication.ReplicaEffect.Committed;
import dev.vigil.daemon.replication.ReplicaEffect.Complete;
import dev.vigil.daemon.replication.ReplicaEffect.Log;
import dev.vigil.daemon.replication.ReplicaEffect.Persist;
import dev.vigil.daemon.replication.ReplicaEffect.Reject;
import dev.vigil.daemon.replication.ReplicaEffect.Send;
import dev.vigil.model.cib.Cib;
import dev.vigil.model.cib.CibVersion;
import dev.vigil.model.cib.NodeState;
import dev.vigil.model.cib.Status;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * One node's replica of the CIB, as a state machine (see the package description).
 *
 * <p><b>Roles.</b> The coordinator of the current view owns the copy of its partition: after
 * every view change it runs a <em>sync round</em> (every member offers its copy; the highest
 * version wins, ties going to the member listed first, i.e. the oldest; each member's own
 * status entry comes from its own copy; the result is committed to all). It also keeps the
 * cluster-state fields current. When the partition is quorate the coordinator is the DC and
 * applies changes: its own directly, other nodes' as {@link CibPatch}es they forward to it.
 *
 * <p><b>Changes.</b> A change is validated (only problems it adds are refused), versioned
 * ({@link CibVersions}), persisted and broadcast as a full copy; it completes on the node that
 * asked once that node holds the new copy, so a caller reads its own write. A request waits
 * (bounded) while there is no DC or a sync round runs, is retried after a conflict, and is
 * sent again to the new DC after a DC change (patches apply at most once).
 */
public final class CibReplica {
    private static final DateTimeFormatter CTIME =
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final String local;
    private final Map<String, Integer> nodeIds;
    private final ReplicaSettings settings;

    private StoredCib current;
    private ClusterState cluster;
    /** True until this node adopts a copy from a sync round: its own status in its copy is stale. */
    private boolean fresh = true;
    private SyncRound round;
    /** Offers that arrived before the view they are for (at most one per node). */
    private final Map<String, Offer> earlyOffers = new LinkedHashMap<>();
    private Commit earlySync;
    private String earlySyncFrom;
    /** This node's requests, by id. */
    private final TreeMap<Long, Request> requests = new TreeMap<>();
    /** Other nodes' forwarded changes waiting for a sync round to end (DC only). */
    private final Deque<Incoming> queued = new ArrayDeque<>();

    private List<ReplicaEffect> out;

    /**
     * @param local   this node's name
     * @param nodeIds the nodelist: name → node id, in nodelist order
     * @param initial the copy loaded from disk (an empty CIB for a new node)
     */
    public CibReplica(String local, Map<String, Integer> nodeIds, ReplicaSettings settings, StoredCib initial) {
        this.local = Objects.requireNonNull(local, "local");
        this.nodeIds = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(nodeIds));
        this.settings = Objects.requireNonNull(settings, "settings");
        this.current = Objects.requireNonNull(initial, "initial");
    }

    /** This node's committed copy. */
    public StoredCib current() {
        return current;
    }

    /** The last cluster state seen, or null before the first view. */
    public ClusterState cluster() {
        return cluster;
    }

    /** Whether this node runs a sync round now. */
    public boolean syncing() {
        return round != null;
    }

    /** How many of this node's requests are not finished. */
    public int pendingRequests() {
        return requests.size();
    }

    /** Processes one input; returns what to do, in order. */
    public List<ReplicaEffect> step(ReplicaInput input) {
        out = new ArrayList<>();
        try {
            if (input instanceof ReplicaInput.Cluster c) {
                onCluster(c.state(), c.now());
            } else if (input instanceof ReplicaInput.Received r) {
                onMessage(r.from(), r.message(), r.now());
            } else if (input instanceof ReplicaInput.Change c) {
                onChange(c);
            } else if (input instanceof ReplicaInput.Tick t) {
                onTick(t.now());
            }
            pump(input.now());
            return out;
        } finally {
            out = null;
        }
    }

    // ---------------------------------------------------------------- roles

    private boolean isCoordinator() {
        return cluster != null && local.equals(cluster.view().coordinator());
    }

    private boolean isDc() {
        return cluster != null && local.equals(cluster.dc());
    }

    private String dc() {
        return cluster == null ? null : cluster.dc();
    }

    private long viewId() {
        return cluster == null ? -1 : cluster.view().id();
    }

    // ---------------------------------------------------------------- cluster changes

    private void onCluster(ClusterState next, Instant now) {
        ClusterState previous = cluster;
        cluster = next;
        View view = next.view();
        boolean viewChanged = previous == null || previous.view().id() != view.id()
                || !previous.view().members().equals(view.members());
        if (previous != null && Objects.equals(previous.dc(), local) && !isDc()) {
            lostDcRole();
        }
        for (Request r : requests.values()) {
            r.awaitClusterChange = false;
            if (r.phase == Phase.IN_FLIGHT && !Objects.equals(r.target, dc())) {
                r.phase = Phase.WAITING;
                r.resend = true;
            }
        }
        if (viewChanged) {
            round = null;
            sendOffer(now);
        } else if (isCoordinator() && round == null) {
            refreshClusterFields(now);
        }
    }

    /** Forwarded changes queued here go back to their nodes, which will find the new DC. */
    private void lostDcRole() {
        while (!queued.isEmpty()) {
            Incoming in = queued.poll();
            out.add(new Send(in.from, new Reply(in.requestId, Outcome.NOT_DC, local + " is no longer the DC",
                    current.version())));
        }
    }

    private void sendOffer(Instant now) {
        View view = cluster.view();
        Offer offer = new Offer(view.id(), fresh, current);
        if (isCoordinator()) {
            round = new SyncRound(view, now.plus(settings.syncTimeout()));
            round.offers.put(local, offer);
            for (Iterator<Map.Entry<String, Offer>> it = earlyOffers.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<String, Offer> e = it.next();
                if (e.getValue().viewId() == view.id() && view.contains(e.getKey())) {
                    round.offers.put(e.getKey(), e.getValue());
                }
                if (e.getValue().viewId() <= view.id()) {
                    it.remove();
                }
            }
            finishRoundIfComplete(now, false);
        } else {
            out.add(new Send(view.coordinator(), offer));
            if (earlySync != null && earlySync.viewId() == view.id() && view.coordinator().equals(earlySyncFrom)) {
                Commit c = earlySync;
                earlySync = null;
                onCommit(earlySyncFrom, c);
            } else if (earlySync != null && earlySync.viewId() <= view.id()) {
                earlySync = null;
            }
        }
    }

    /** Same view, new quorum or DC: the coordinator writes the fields (a status-only change). */
    private void refreshClusterFields(Instant now) {
        Cib updated = ClusterStateFields.apply(current.cib(), cluster, nodeIds);
        if (CibVersions.next(current.cib(), updated).equals(current.version())) {
            return;
        }
        commit(updated, "cluster state: " + describeState(), local, "vigil", List.of(), now, true);
    }

    private String describeState() {
        String quorum = cluster.quorum() != null && cluster.quorum().quorate() ? "quorate" : "not quorate";
        return quorum + ", DC " + (cluster.dc() == null ? "none" : cluster.dc());
    }

    // ---------------------------------------------------------------- messages

    private void onMessage(String from, CibMessage message, Instant now) {
        if (message instanceof Offer o) {
            onOffer(from, o, now);
        } else if (message instanceof Commit c) {
            if (!from.equals(local)) {
                onCommit(from, c);
            }
        } else if (message instanceof Forward f) {
            onForward(from, f, now);
        } else if (message instanceof Reply r) {
            onReply(from, r);
        }
    }

    private void onOffer(String from, Offer o, Instant now) {
        if (round != null && o.viewId() == round.view.id()) {
            if (round.view.contains(from)) {
                round.offers.put(from, o);
                finishRoundIfComplete(now, false);
            }
        } else if (o.viewId() > viewId()) {
            earlyOffers.put(from, o);
            while (earlyOffers.size() > 2 * Math.max(1, nodeIds.size())) {
                earlyOffers.remove(earlyOffers.keySet().iterator().next());
            }
        } else {
            debug("ignoring an offer from " + from + " for view " + o.viewId() + " (now in view " + viewId() + ")");
        }
    }

    private void onCommit(String from, Commit c) {
        if (cluster == null || (c.sync() && c.viewId() > viewId())) {
            earlySync = c;
            earlySyncFrom = from;
            return;
        }
        if (!from.equals(cluster.view().coordinator())) {
            debug("ignoring a copy from " + from + ", which does not coordinate view " + viewId());
            return;
        }
        if (c.sync() && c.viewId() < viewId()) {
            debug("ignoring the sync result of view " + c.viewId() + " from " + from + " (now in view " + viewId() + ")");
            return;
        }
        boolean newer = c.copy().version().compareTo(current.version()) > 0;
        boolean same = c.copy().digest().equals(current.digest());
        if (c.sync()) {
            fresh = false;
        }
        if (!same && (newer || c.sync())) {
            adopt(c.copy(), c.sync() ? "sync of view " + c.viewId() + " by " + from : "from DC " + from);
        } else if (!same) {
            debug("ignoring copy " + c.copy().describe() + " from " + from + ": this node has " + current.describe());
        }
        for (RequestRef ref : c.completes()) {
            if (ref.node().equals(local)) {
                Request r = requests.get(ref.id());
                if (r != null) {
                    finish(r, c.copy().version());
                }
            }
        }
    }

    private void adopt(StoredCib copy, String cause) {
        StoredCib previous = current;
        current = copy;
        out.add(new Persist(copy));
        out.add(new Committed(previous, copy, cause));
    }

    private void onForward(String from, Forward f, Instant now) {
        if (!isDc()) {
            out.add(new Send(from, new Reply(f.requestId(), Outcome.NOT_DC,
                    local + " is not the DC" + (dc() == null ? " (there is none)" : " (" + dc() + " is)"), current.version())));
            return;
        }
        Incoming in = new Incoming(from, f.requestId(), f.description(), f.client(), f.patch());
        if (round != null) {
            if (queued.size() >= settings.maxPending()) {
                out.add(new Send(from, new Reply(f.requestId(), Outcome.REJECTED,
                        "the DC " + local + " has " + queued.size() + " changes queued; try again later", current.version())));
            } else {
                queued.add(in);
            }
            return;
        }
        applyIncoming(in, now);
    }

    private void applyIncoming(Incoming in, Instant now) {
        CibPatch.Outcome outcome;
        try {
            outcome = in.patch.applyTo(current.cib());
        } catch (CibFormatException | IllegalArgumentException e) {
            out.add(new Send(in.from, new Reply(in.requestId, Outcome.REJECTED, "malformed change: " + e.getMessage(),
                    current.version())));
            return;
        }
        if (outcome instanceof CibPatch.Conflict conflict) {
            out.add(new Send(in.from, new Reply(in.requestId, Outcome.CONFLICT,
                    conflict.part() + " changed since " + in.patch.base(), current.version())));
            return;
        }
        CibPatch.Applied applied = (CibPatch.Applied) outcome;
        if (!applied.changed()) {
            out.add(new Send(in.from, new Reply(in.requestId, Outcome.UNCHANGED, "already applied", current.version())));
            return;
        }
        CommitResult result = commit(applied.cib(), in.description, in.from, in.client,
                List.of(new RequestRef(in.from, in.requestId)), now, false);
        if (result.rejected != null) {
            out.add(new Send(in.from, new Reply(in.requestId, Outcome.REJECTED, result.rejected, current.version())));
        } else if (!result.committed) {
            out.add(new Send(in.from, new Reply(in.requestId, Outcome.UNCHANGED, "nothing to change", current.version())));
        }
    }

    private void onReply(String from, Reply reply) {
        Request r = requests.get(reply.requestId());
        if (r == null || r.phase != Phase.IN_FLIGHT || !from.equals(r.target)) {
            debug("ignoring a reply from " + from + " to request " + reply.requestId());
            return;
        }
        switch (reply.outcome()) {
            case REJECTED -> reject(r, reply.reason(), List.of());
            case UNCHANGED -> {
                r.phase = Phase.AWAIT_VERSION;
                r.awaitVersion = reply.current();
            }
            case CONFLICT -> {
                r.lastTrouble = "conflict: " + reply.reason();
                r.phase = Phase.WAITING;
                r.patch = null;
                r.minVersion = reply.current();
            }
            case NOT_DC -> {
                // Views disagree for a moment: try again once this node's view of the DC changes.
                r.lastTrouble = reply.reason();
                r.phase = Phase.WAITING;
                r.resend = true;
                r.awaitClusterChange = true;
            }
        }
    }

    // ---------------------------------------------------------------- sync rounds

    private void onTick(Instant now) {
        if (round != null && !now.isBefore(round.deadline)) {
            finishRoundIfComplete(now, true);
        }
    }

    private void finishRoundIfComplete(Instant now, boolean timedOut) {
        SyncRound r = round;
        if (!r.offers.keySet().containsAll(r.view.members()) && !timedOut) {
            return;
        }
        if (timedOut) {
            List<String> missing = r.view.members().stream().filter(m -> !r.offers.containsKey(m)).toList();
            out.add(new Log(Level.WARNING, "sync of view " + r.view.id() + ": no copy from " + String.join(", ", missing)
                    + " within " + settings.syncTimeout().toMillis() + " ms; going on without"));
        }
        round = null;
        Merge merge = merge(r, now);
        fresh = false;
        StoredCib result = merge.result;
        if (!result.digest().equals(current.digest())) {
            adopt(result, "sync of view " + r.view.id() + ": " + merge.explanation);
        }
        if (r.view.size() > 1) {
            out.add(new Broadcast(new Commit(r.view.id(), true, result, List.of())));
        }
        while (!queued.isEmpty() && isDc()) {
            applyIncoming(queued.poll(), now);
        }
    }

    private record Merge(StoredCib result, String explanation) {
    }

    /**
     * The copy of a sync round: the best offer's configuration, each member's own status entry
     * from its own copy (a fresh member's afresh), the cluster-state fields written in.
     */
    private Merge merge(SyncRound r, Instant now) {
        String winnerNode = null;
        Offer winner = null;
        for (String member : r.view.members()) {
            Offer o = r.offers.get(member);
            if (o != null && (winner == null || o.copy().version().compareTo(winner.copy().version()) > 0)) {
                winner = o;
                winnerNode = member;
            }
        }
        Cib base = winner.copy().cib();
        List<NodeState> states = new ArrayList<>(base.status().nodes());
        for (String member : r.view.members()) {
            Offer o = r.offers.get(member);
            if (o == null || member.equals(winnerNode) && !o.fresh()) {
                continue;
            }
            states.removeIf(s -> member.equals(s.uname()));
            if (!o.fresh()) {
                o.copy().cib().status().nodes().stream().filter(s -> member.equals(s.uname())).findFirst()
                        .ifPresent(states::add);
            }
        }
        Cib merged = base.withStatus(new Status(states, base.status().tickets()));
        merged = ClusterStateFields.apply(merged, cluster, nodeIds);
        CibVersion version = CibVersions.next(base, merged);
        for (Offer o : r.offers.values()) {
            if (o.copy().version().equals(version) && !sameContent(o.copy().cib(), merged)) {
                version = version.nextUpdate();
            }
        }
        String explanation = "best copy " + winner.copy().version() + " from " + winnerNode;
        if (version.equals(base.version()) && sameContent(base, merged)) {
            return new Merge(winner.copy(), explanation);
        }
        Cib stamped = stamp(merged.withVersion(version), local, "vigil", now);
        return new Merge(StoredCib.of(stamped), explanation);
    }

    private static boolean sameContent(Cib a, Cib b) {
        return !CibVersions.configurationChanged(a, b) && !CibVersions.statusChanged(a, b);
    }

    // ---------------------------------------------------------------- local requests

    private void onChange(ReplicaInput.Change c) {
        if (requests.size() >= settings.maxPending()) {
            out.add(new Reject(c.id(), "too many changes pending on " + local + " (" + requests.size() + ")", List.of()));
            return;
        }
        requests.put(c.id(), new Request(c.id(), c.description(), c.client(), c.change(),
                c.now().plus(settings.requestTimeout())));
    }

    /** Moves every request that can move. */
    private void pump(Instant now) {
        for (Request r : new ArrayList<>(requests.values())) {
            if (!requests.containsKey(r.id)) {
                continue;
            }
            if (!now.isBefore(r.deadline)) {
                reject(r, "not done within " + settings.requestTimeout().toSeconds() + " s" + trouble(r), List.of());
                continue;
            }
            switch (r.phase) {
                case AWAIT_VERSION -> {
                    if (current.version().compareTo(r.awaitVersion) >= 0) {
                        finish(r, current.version());
                    }
                }
                case WAITING -> advance(r, now);
                case IN_FLIGHT -> {
                    // waiting for the DC's reply or commit
                }
            }
        }
    }

    private void advance(Request r, Instant now) {
        if (dc() == null) {
            if (r.noDcSince == null) {
                r.noDcSince = now;
            }
            if (Duration.between(r.noDcSince, now).compareTo(settings.noDcWait()) >= 0) {
                String why = cluster == null ? "this node has not joined the cluster yet"
                        : cluster.quorum() == null ? "no quorum" : cluster.quorum().reason();
                reject(r, "no DC: this partition has no quorum (" + why + ")", List.of());
            }
            return;
        }
        r.noDcSince = null;
        if (r.awaitClusterChange || current.version().compareTo(r.minVersion) < 0) {
            return;
        }
        if (r.attempts >= settings.maxAttempts()) {
            reject(r, "gave up after " + r.attempts + " attempts" + trouble(r), List.of());
            return;
        }
        if (isDc()) {
            if (round == null) {
                applyAsDc(r, now);
            }
            return;
        }
        if (r.patch == null || !r.resend) {
            Cib result = runChange(r);
            if (result == null) {
                return;
            }
            List<CibProblem> problems = CibValidator.newProblems(current.cib(), result);
            if (!problems.isEmpty()) {
                rejectProblems(r, problems);
                return;
            }
            r.patch = CibPatch.between(current.cib(), result);
            if (r.patch.isEmpty()) {
                finish(r, current.version());
                return;
            }
        }
        r.attempts++;
        r.resend = false;
        r.phase = Phase.IN_FLIGHT;
        r.target = dc();
        out.add(new Send(dc(), new Forward(r.id, r.description, r.client, r.patch)));
    }

    private void applyAsDc(Request r, Instant now) {
        r.attempts++;
        Cib result;
        if (r.patch != null && r.resend) {
            CibPatch.Outcome outcome = r.patch.applyTo(current.cib());
            r.resend = false;
            if (outcome instanceof CibPatch.Conflict conflict) {
                r.lastTrouble = "conflict: " + conflict.part() + " changed";
                r.patch = null;
                return;
            }
            CibPatch.Applied applied = (CibPatch.Applied) outcome;
            if (!applied.changed()) {
                finish(r, current.version());
                return;
            }
            result = applied.cib();
        } else {
            result = runChange(r);
            if (result == null) {
                return;
            }
        }
        CommitResult c = commit(result, r.description, local, r.client, List.of(), now, false);
        if (c.rejected != null) {
            reject(r, c.rejected, c.problems);
        } else {
            finish(r, current.version());
        }
    }

    /** Runs the request's function on the current copy; a failure refuses the request. */
    private Cib runChange(Request r) {
        try {
            Cib result = r.change.apply(current.cib());
            if (result == null) {
                reject(r, r.description + ": the change returned no CIB", List.of());
            }
            return result;
        } catch (RuntimeException e) {
            reject(r, r.description + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()), List.of());
            return null;
        }
    }

    private void rejectProblems(Request r, List<CibProblem> problems) {
        reject(r, describeProblems(r.description, problems), problems.stream().map(CibProblem::message).toList());
    }

    private static String describeProblems(String description, List<CibProblem> problems) {
        return description + ": refused, " + problems.size() + (problems.size() == 1 ? " problem: " : " problems: ")
                + String.join("; ", problems.stream().map(CibProblem::message).toList());
    }

    private void finish(Request r, CibVersion version) {
        requests.remove(r.id);
        out.add(new Complete(r.id, version));
    }

    private void reject(Request r, String reason, List<String> problems) {
        requests.remove(r.id);
        out.add(new Reject(r.id, reason, problems));
    }

    private static String trouble(Request r) {
        return r.lastTrouble == null ? "" : " (last: " + r.lastTrouble + ")";
    }

    // ---------------------------------------------------------------- commits (coordinator)

    private record CommitResult(boolean committed, String rejected, List<String> problems) {
    }

    /**
     * Validates, versions, persists and broadcasts {@code candidate} as the new copy.
     *
     * @param stateOnly the cluster-state refresh: allowed without quorum, never refused
     */
    private CommitResult commit(Cib candidate, String description, String origin, String client,
                                List<RequestRef> completes, Instant now, boolean stateOnly) {
        Cib normalized = ClusterStateFields.apply(candidate, cluster, nodeIds);
        if (!stateOnly) {
            List<CibProblem> problems = CibValidator.newProblems(current.cib(), normalized);
            if (!problems.isEmpty()) {
                return new CommitResult(false, describeProblems(description, problems),
                        problems.stream().map(CibProblem::message).toList());
            }
        }
        CibVersion version = CibVersions.next(current.cib(), normalized);
        if (version.equals(current.version())) {
            return new CommitResult(false, null, List.of());
        }
        StoredCib copy = StoredCib.of(stamp(normalized.withVersion(version), origin, client, now));
        adopt(copy, description + (origin.equals(local) ? "" : " (from " + origin + ")"));
        out.add(new Broadcast(new Commit(viewId(), false, copy, completes)));
        return new CommitResult(true, null, List.of());
    }

    /** Pacemaker's bookkeeping of the last write. */
    private static Cib stamp(Cib cib, String origin, String client, Instant now) {
        return cib.withAttribute("cib-last-written", CTIME.format(now))
                .withAttribute("update-origin", origin)
                .withAttribute("update-client", client);
    }

    private void debug(String text) {
        out.add(new Log(Level.DEBUG, text));
    }

    // ---------------------------------------------------------------- state records

    private enum Phase { WAITING, IN_FLIGHT, AWAIT_VERSION }

    /** One of this node's change requests. */
    private static final class Request {
        final long id;
        final String description;
        final String client;
        final UnaryOperator<Cib> change;
        final Instant deadline;
        Phase phase = Phase.WAITING;
        String target;
        CibPatch patch;
        boolean resend;
        int attempts;
        CibVersion minVersion = CibVersion.ZERO;
        CibVersion awaitVersion;
        boolean awaitClusterChange;
        Instant noDcSince;
        String lastTrouble;

        Request(long id, String description, String client, UnaryOperator<Cib> change, Instant deadline) {
            this.id = id;
            this.description = description;
            this.client = client;
            this.change = change;
            this.deadline = deadline;
        }
    }

    /** Another node's forwarded change queued at this DC. */
    private record Incoming(String from, long requestId, String description, String client, CibPatch patch) {
    }

    /** The coordinator's collection of offers for one view. */
    private static final class SyncRound {
        final View view;
        final Instant deadline;
        final Map<String, Offer> offers = new LinkedHashMap<>();

        SyncRound(View view, Instant deadline) {
            this.view = view;
            this.deadline = deadline;
        }
    }
}
