package dev.vigil.cluster.membership;

import dev.vigil.cluster.config.ClusterConfig;
import dev.vigil.cluster.config.NodeConfig;
import dev.vigil.cluster.key.AuthKey;
import dev.vigil.cluster.key.ClusterIdentity;
import org.jgroups.Address;
import org.jgroups.BytesMessage;
import org.jgroups.JChannel;
import org.jgroups.MergeView;
import org.jgroups.Message;
import org.jgroups.Receiver;
import org.jgroups.protocols.FD_ALL3;
import org.jgroups.protocols.FRAG2;
import org.jgroups.protocols.MERGE3;
import org.jgroups.protocols.MFC;
import org.jgroups.protocols.PerDestinationBundler;
import org.jgroups.protocols.TCP;
import org.jgroups.protocols.TCPPING;
import org.jgroups.protocols.UFC;
import org.jgroups.protocols.UNICAST3;
import org.jgroups.protocols.VERIFY_SUSPECT2;
import org.jgroups.protocols.BARRIER;
import org.jgroups.protocols.pbcast.GMS;
import org.jgroups.protocols.pbcast.NAKACK2;
import org.jgroups.protocols.pbcast.STABLE;
import org.jgroups.stack.Protocol;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@link Membership} on JGroups 5.5: unicast TCP to every node of the nodelist, each connection
 * mutual TLS 1.3 with the identity derived from the cluster key. The stack, bottom up:
 * TCP (TLS, suspects a peer whose connection closes) · [FaultLayer, tests only] · TCPPING ·
 * MERGE3 · FD_ALL3 · VERIFY_SUSPECT2 · BARRIER · NAKACK2 · UNICAST3 · STABLE · GMS · MFC · UFC ·
 * FRAG2. Timings come from {@code totem} ({@link MembershipTiming}); docs/cluster.md explains
 * each choice.
 *
 * <p>Build one per node:
 * <pre>{@code
 * Membership m = JGroupsMembership.builder(config, "node1", AuthKey.load(keyfile))
 *         .listener(listener)
 *         .build();
 * m.start();
 * }</pre>
 */
public final class JGroupsMembership implements Membership {
    static {
        JGroupsLogging.install();
    }

    /** Events waiting for the listener; past this the network threads wait. */
    static final int EVENT_QUEUE_CAPACITY = 10_000;
    /** Largest payload accepted: bounds what one message can make every node hold. */
    public static final int MAX_PAYLOAD_BYTES = 64 * 1024 * 1024;

    private enum State { NEW, STARTED, CLOSED }

    private final ClusterConfig config;
    private final NodeConfig self;
    private final AuthKey key;
    private final MembershipListener listener;
    private final NetworkFaults faults;
    private final InetAddress bindAddress;
    private final MembershipTiming timing;
    private final SecurityLog securityLog;
    private final System.Logger log;
    private final BlockingQueue<Runnable> events = new ArrayBlockingQueue<>(EVENT_QUEUE_CAPACITY);

    private State state = State.NEW;
    private JChannel channel;
    private Thread dispatcher;
    private volatile View view;
    private volatile boolean dispatching;
    private final Object viewLock = new Object();
    private List<String> lastMembers = List.of();

    private JGroupsMembership(Builder b) {
        this.config = b.config;
        this.self = b.config.requireNode(b.nodeName);
        this.key = b.key;
        this.listener = b.listener;
        this.faults = b.faults;
        this.bindAddress = b.bindAddress;
        this.timing = MembershipTiming.from(config.totem());
        this.securityLog = new SecurityLog(self.name(), key.fingerprint());
        this.log = System.getLogger("dev.vigil.cluster.membership." + self.name());
        this.view = View.of(0, List.of(self.name()));
    }

    /** Starts building the membership of node {@code nodeName} of {@code config}. */
    public static Builder builder(ClusterConfig config, String nodeName, AuthKey key) {
        return new Builder(config, nodeName, key);
    }

    /** Options of a {@link JGroupsMembership}; only config, node name and key are required. */
    public static final class Builder {
        private final ClusterConfig config;
        private final String nodeName;
        private final AuthKey key;
        private MembershipListener listener = new MembershipListener() {
            @Override
            public void onView(View view) {
            }

            @Override
            public void onMessage(String fromNode, byte[] payload) {
            }
        };
        private NetworkFaults faults;
        private InetAddress bindAddress;

        private Builder(ClusterConfig config, String nodeName, AuthKey key) {
            this.config = Objects.requireNonNull(config, "config");
            this.nodeName = Objects.requireNonNull(nodeName, "nodeName");
            this.key = Objects.requireNonNull(key, "key");
            config.requireNode(nodeName);
        }

        /** Who receives views and messages (one thread, in order). */
        public Builder listener(MembershipListener l) {
            this.listener = Objects.requireNonNull(l, "listener");
            return this;
        }

        /** Tests only: adds a layer that drops traffic the given faults cut. */
        public Builder faults(NetworkFaults f) {
            this.faults = Objects.requireNonNull(f, "faults");
            return this;
        }

        /**
         * Listen on this address instead of the node's ring0_addr, while the others still
         * connect to ring0_addr (a NAT or port forward in between; tests put a proxy there).
         */
        public Builder bindAddress(InetAddress address) {
            this.bindAddress = Objects.requireNonNull(address, "address");
            return this;
        }

        public JGroupsMembership build() {
            return new JGroupsMembership(this);
        }
    }

    @Override
    public String localNode() {
        return self.name();
    }

    @Override
    public View view() {
        return view;
    }

    /** The timings this membership runs with. */
    public MembershipTiming timing() {
        return timing;
    }

    /** How many connections from or to other addresses were refused (bad or no cluster key, ...). */
    public long refusedConnections() {
        return securityLog.refusals();
    }

    @Override
    public synchronized void start() {
        if (state != State.NEW) {
            throw new IllegalStateException(self.name() + ": membership already " + state.name().toLowerCase());
        }
        int port = config.totem().port(0);
        InetAddress listenOn = bindAddress != null ? bindAddress : self.ring0Addr();
        try {
            channel = new JChannel(stack(listenOn, port));
            channel.addAddressGenerator(() -> NodeNames.newAddress(self.name()));
            channel.setName(self.name());
            channel.setDiscardOwnMessages(false);
            channel.setReceiver(new ChannelReceiver());
            startDispatcher();
            channel.connect(config.totem().clusterName());
        } catch (Exception e) {
            shutdown();
            state = State.CLOSED;
            throw new MembershipException(self.name() + ": cannot join cluster '" + config.totem().clusterName()
                    + "' on " + listenOn.getHostAddress() + ":" + port + ": " + explain(e), e);
        }
        state = State.STARTED;
        log.log(System.Logger.Level.INFO, "listening on {0}:{1} for cluster ''{2}'' (TLS 1.3 {3}, key fingerprint {4})",
                listenOn.getHostAddress(), String.valueOf(port), config.totem().clusterName(),
                config.totem().cipher().tlsSuite(), key.fingerprint());
        for (String warning : key.warnings()) {
            log.log(System.Logger.Level.WARNING, warning);
        }
    }

    private List<Protocol> stack(InetAddress listenOn, int port) {
        MembershipTiming t = timing;
        ClusterIdentity identity = ClusterIdentity.derive(key, config.totem().clusterName());
        TlsSocketFactory sockets = new TlsSocketFactory(Tls.context(identity, securityLog),
                Tls.parameters(config.totem().cipher(), false), Tls.parameters(config.totem().cipher(), true),
                securityLog, (int) t.connectTimeout().toMillis());

        TCP tcp = new VigilTcp((int) Math.min(t.connectTimeout().toMillis(), t.suspectAfter().toMillis() / 2));
        tcp.setBindAddress(listenOn);
        tcp.setBindPort(port);
        tcp.setPortRange(0);
        tcp.setClientBindAddr(listenOn);      // outgoing connections come from the node's own address
        if (bindAddress != null) {
            tcp.setExternalAddr(self.ring0Addr());
            tcp.setValue("external_port", port);
        }
        tcp.enableSuspectEvents(true);
        tcp.tcpNodelay(true);
        tcp.setSockConnTimeout((int) t.connectTimeout().toMillis());
        tcp.setPeerAddrReadTimeout((int) t.connectTimeout().toMillis());
        tcp.logDetails(false);
        tcp.logAcceptError(false);
        tcp.setSocketFactory(sockets);
        tcp.getThreadPool().setMinThreads(0).setMaxThreads(32).setKeepAliveTime(30_000);
        // One sender thread per destination, not JGroups' default single sender for all: a
        // connect to a node that vanished (powered off, cable cut: no RST, the SYN goes
        // unanswered) blocks its sender for sock_conn_timeout, and with one shared sender the
        // heartbeats to every live node waited behind it, so live nodes suspected each other.
        tcp.setBundler(new PerDestinationBundler().useSingleSenderThread(false));

        List<InetSocketAddress> peers = new ArrayList<>();
        for (NodeConfig node : config.nodes()) {
            if (!node.name().equals(self.name())) {
                peers.add(new InetSocketAddress(node.ring0Addr(), port));
            }
        }
        TCPPING discovery = new TCPPING();
        discovery.setInitialHosts(peers);
        discovery.setPortRange(0);

        MERGE3 merge = new MERGE3();
        merge.setMinInterval(t.mergeMinInterval().toMillis());
        merge.setMaxInterval(t.mergeMaxInterval().toMillis());

        FD_ALL3 heartbeat = new FD_ALL3();
        heartbeat.setTimeout(t.suspectAfter().toMillis());
        heartbeat.setInterval(t.heartbeatInterval().toMillis());

        VERIFY_SUSPECT2 verify = new VERIFY_SUSPECT2();
        verify.setTimeout(t.verifySuspect().toMillis());

        NAKACK2 nakack = new NAKACK2();
        nakack.setXmitInterval(t.retransmitInterval().toMillis());
        nakack.setValue("use_mcast_xmit", false);
        nakack.setValue("log_discard_msgs", false);
        nakack.setValue("log_not_found_msgs", false);

        UNICAST3 unicast = new UNICAST3();
        unicast.setXmitInterval(t.retransmitInterval().toMillis());
        unicast.setValue("log_not_found_msgs", false);

        STABLE stable = new STABLE();
        stable.setDesiredAverageGossip(5_000);
        stable.setMaxBytes(1_000_000);

        GMS gms = new GMS();
        gms.setJoinTimeout(t.joinTimeout().toMillis());
        gms.setViewAckCollectionTimeout(t.viewAckTimeout().toMillis());
        gms.setLeaveTimeout(t.viewAckTimeout().toMillis());
        gms.setMaxJoinAttempts(5);
        gms.setValue("print_local_addr", false);
        gms.setValue("log_view_warnings", false);
        gms.setValue("log_collect_msgs", false);

        MFC mfc = new MFC();
        mfc.setMaxCredits(2_000_000);
        UFC ufc = new UFC();
        ufc.setMaxCredits(2_000_000);
        FRAG2 frag = new FRAG2();
        frag.setValue("frag_size", 60_000);

        List<Protocol> protocols = new ArrayList<>();
        protocols.add(tcp);
        if (faults != null) {
            protocols.add(new FaultLayer(faults, self.name()));
        }
        protocols.addAll(List.of(discovery, merge, heartbeat, verify, new BARRIER(), nakack, unicast, stable, gms,
                mfc, ufc, frag));
        return protocols;
    }

    private static String explain(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String what = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        if (root instanceof java.net.BindException) {
            return what + " (another program, or another Vigil node, uses this address and port; or the address "
                    + "is not configured on this machine)";
        }
        return what;
    }

    @Override
    public void close() {
        // Not under this object's monitor: JGroups threads deliver views while the channel closes.
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            state = State.CLOSED;
        }
        shutdown();
        log.log(System.Logger.Level.INFO, "left cluster ''{0}''", config.totem().clusterName());
    }

    private void shutdown() {
        if (channel != null) {
            try {
                channel.close();
            } catch (RuntimeException e) {
                log.log(System.Logger.Level.DEBUG, "closing the channel failed", e);
            }
        }
        dispatching = false;
        if (dispatcher != null) {
            dispatcher.interrupt();
            try {
                dispatcher.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void broadcast(byte[] payload) {
        checkPayload(payload);
        JChannel ch = startedChannel();
        try {
            ch.send(new BytesMessage(null, payload.clone()));
        } catch (Exception e) {
            throw new MembershipException(self.name() + ": broadcast failed: " + explain(e), e);
        }
    }

    @Override
    public void send(String nodeName, byte[] payload) {
        checkPayload(payload);
        JChannel ch = startedChannel();
        org.jgroups.View current = ch.getView();
        Optional<Address> dest = current == null ? Optional.empty()
                : current.getMembers().stream().filter(a -> NodeNames.of(a).equals(nodeName)).findFirst();
        if (dest.isEmpty()) {
            throw new MembershipException(self.name() + ": node '" + nodeName + "' is not in the current view ("
                    + view.describe() + ")");
        }
        try {
            ch.send(new BytesMessage(dest.get(), payload.clone()));
        } catch (Exception e) {
            throw new MembershipException(self.name() + ": sending to " + nodeName + " failed: " + explain(e), e);
        }
    }

    private static void checkPayload(byte[] payload) {
        Objects.requireNonNull(payload, "payload");
        if (payload.length > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("payload of " + payload.length + " bytes exceeds the limit of "
                    + MAX_PAYLOAD_BYTES);
        }
    }

    private synchronized JChannel startedChannel() {
        if (state != State.STARTED) {
            throw new IllegalStateException(self.name() + ": membership is " + state.name().toLowerCase() + ", not started");
        }
        return channel;
    }

    // ---- delivery: one thread, in order ----------------------------------------------------

    private void startDispatcher() {
        dispatching = true;
        dispatcher = new Thread(this::dispatch, "vigil-membership-" + self.name());
        dispatcher.setDaemon(true);
        dispatcher.start();
    }

    private void dispatch() {
        while (dispatching || !events.isEmpty()) {
            Runnable event;
            try {
                event = events.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                if (!dispatching) {
                    return;
                }
                continue;
            }
            if (event == null) {
                continue;
            }
            try {
                event.run();
            } catch (RuntimeException e) {
                log.log(System.Logger.Level.ERROR, "membership listener failed; delivery goes on", e);
            }
        }
    }

    private void enqueue(Runnable event) {
        try {
            while (dispatching && !events.offer(event, 200, TimeUnit.MILLISECONDS)) {
                // The listener is behind: wait (bounded queue), as long as we are running.
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private View convert(org.jgroups.View v) {
        synchronized (viewLock) {
            return convertLocked(v);
        }
    }

    private View convertLocked(org.jgroups.View v) {
        List<String> members = new ArrayList<>(new LinkedHashSet<>(v.getMembers().stream().map(NodeNames::of).toList()));
        List<String> joined = members.stream().filter(m -> !lastMembers.contains(m)).toList();
        List<String> left = lastMembers.stream().filter(m -> !members.contains(m)).toList();
        List<List<String>> merged = new ArrayList<>();
        if (v instanceof MergeView mv) {
            for (org.jgroups.View sub : mv.getSubgroups()) {
                merged.add(sub.getMembers().stream().map(NodeNames::of).distinct().toList());
            }
        }
        lastMembers = List.copyOf(members);
        return new View(v.getViewId().getId(), members.get(0), members, joined, left, merged);
    }

    private final class ChannelReceiver implements Receiver {
        @Override
        public void viewAccepted(org.jgroups.View newView) {
            View converted = convert(newView);
            view = converted;
            log.log(System.Logger.Level.INFO, converted.describe());
            enqueue(() -> listener.onView(converted));
        }

        @Override
        public void receive(Message msg) {
            String from = NodeNames.of(msg.getSrc());
            byte[] payload = msg.getArray() == null ? new byte[0]
                    : java.util.Arrays.copyOfRange(msg.getArray(), msg.getOffset(), msg.getOffset() + msg.getLength());
            enqueue(() -> listener.onMessage(from, payload));
        }
    }
}
