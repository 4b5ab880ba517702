package dev.vigil.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.cib.CibXml;
import dev.vigil.cluster.membership.View;
import dev.vigil.cluster.quorum.QuorumState;
import dev.vigil.controller.status.CibStatus;
import dev.vigil.exec.AgentMetadata;
import dev.vigil.exec.AgentSpec;
import dev.vigil.exec.Executor;
import dev.vigil.exec.OpStatus;
import dev.vigil.exec.OperationRequest;
import dev.vigil.exec.OperationResult;
import dev.vigil.exec.fence.FenceAction;
import dev.vigil.exec.fence.FenceConfig;
import dev.vigil.exec.fence.FenceResult;
import dev.vigil.exec.fence.Fencer;
import dev.vigil.model.cib.Cib;
import dev.vigil.model.cib.CibVersion;
import dev.vigil.model.cib.LrmOp;
import dev.vigil.model.cib.LrmResource;
import dev.vigil.model.cib.NodeState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The adapter with real threads and timers around the core, on a one-node cluster with an
 * in-memory CIB and an executor whose agents answer at once.
 */
class DefaultControllerTest {
    private static final Cib CIB = CibXml.parse("""
            <cib admin_epoch="0" epoch="1" num_updates="0">
              <configuration>
                <crm_config><cluster_property_set id="o">
                  <nvpair id="o1" name="stonith-enabled" value="false"/>
                </cluster_property_set></crm_config>
                <nodes><node id="1" uname="node1"/></nodes>
                <resources>
                  <primitive id="web" class="ocf" provider="vigil" type="Dummy">
                    <instance_attributes id="web-ia"><nvpair id="web-ia-1" name="fake" value="x"/></instance_attributes>
                    <operations><op id="web-mon" name="monitor" interval="1s"/></operations>
                  </primitive>
                </resources>
                <constraints/>
              </configuration>
              <status/>
            </cib>""");

    private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(1);
    private final MemoryCib cib = new MemoryCib(CIB);
    private final FakeExecutor executor = new FakeExecutor();
    private final DefaultController controller = new DefaultController();

    @AfterEach
    void stop() {
        controller.shutdown(false);
        timers.shutdownNow();
        cib.notifier.shutdownNow();
    }

    private void startOneNodeCluster() {
        controller.start(new ControllerContext() {
            public String localNode() {
                return "node1";
            }

            public CibService cib() {
                return cib;
            }

            public ControllerTransport transport() {
                return new ControllerTransport() {
                    public void send(String node, byte[] message) {
                        throw new AssertionError("a one-node cluster sends nothing, got a message to " + node);
                    }

                    public void broadcast(byte[] message) {
                    }
                };
            }

            public Executor executor() {
                return executor;
            }

            public Fencer fencer() {
                return new NoFencer();
            }

            public Clock clock() {
                return Clock.systemUTC();
            }

            public ScheduledExecutorService timers() {
                return timers;
            }
        });
        controller.onClusterState(new ClusterState(View.of(1, List.of("node1")),
                new QuorumState(true, 1, 1, 1, "quorate"), "node1"));
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    private LrmOp op(String id) {
        NodeState s = CibStatus.node(cib.current(), "node1");
        if (s == null) {
            return null;
        }
        for (LrmResource r : s.lrmResources()) {
            for (LrmOp o : r.ops()) {
                if (o.id().equals(id)) {
                    return o;
                }
            }
        }
        return null;
    }

    @Test
    void probesStartsAndMonitorsAResourceAndRecordsEachResultAsPacemakerDoes() throws Exception {
        startOneNodeCluster();
        await("web's monitor in the CIB", () -> op("web_monitor_1000") != null);
        assertEquals(List.of("web monitor 0", "web start 0", "web monitor 1000"), executor.calls());
        LrmOp start = op("web_last_0");
        assertEquals("start", start.operation());
        assertEquals(0, start.rcCode());
        assertTrue(start.transitionKey().matches("\\d+:1:0:[0-9a-f-]{36}"), start.transitionKey());
        assertEquals("0:0;" + start.transitionKey(), start.transitionMagic());
        assertEquals(32, start.opDigest().length());
        assertEquals("node1", start.onNode());
        NodeState s = CibStatus.node(cib.current(), "node1");
        assertEquals("member", s.get("join"));
        assertEquals("ocf", s.lrmResources().get(0).agentClass());
        assertTrue(controller.snapshot().dc());
    }

    @Test
    void aFailedMonitorRaisesTheFailCountAndRestartsTheResource() throws Exception {
        startOneNodeCluster();
        await("web's monitor in the CIB", () -> op("web_monitor_1000") != null);
        OperationRequest monitor = executor.requests.get(2);
        Instant now = Instant.now();
        controller.onResult(new OperationResult(monitor, 3, 7, OpStatus.DONE, "", now, now, Duration.ofMillis(3),
                Duration.ZERO, "", ""));
        await("web restarted", () -> executor.calls().size() >= 6);
        assertEquals(List.of("web stop 0", "web start 0", "web monitor 1000"), executor.calls().subList(3, 6));
        await("the fail count", () -> "1".equals(CibStatus.transientAttributes(CibStatus.node(cib.current(), "node1"))
                .get("fail-count-web#monitor_1000")));
        assertNotNull(CibStatus.transientAttributes(CibStatus.node(cib.current(), "node1"))
                .get("last-failure-web#monitor_1000"));
    }

    @Test
    void aGracefulShutdownStopsTheResourceFirst() throws Exception {
        startOneNodeCluster();
        await("web's monitor in the CIB", () -> op("web_monitor_1000") != null);
        controller.shutdown(true);
        assertEquals("web stop 0", executor.calls().get(executor.calls().size() - 1));
    }

    /** The CIB of a one-node cluster: changes apply at once, subscribers hear them on one thread. */
    static final class MemoryCib implements CibService {
        final java.util.concurrent.ExecutorService notifier = Executors.newSingleThreadExecutor();
        private final List<Consumer<Cib>> listeners = new CopyOnWriteArrayList<>();
        private Cib current;

        MemoryCib(Cib initial) {
            current = initial;
        }

        @Override
        public synchronized Cib current() {
            return current;
        }

        @Override
        public synchronized CompletableFuture<CibVersion> modify(String description, UnaryOperator<Cib> change) {
            Cib before = current;
            Cib after = change.apply(before);
            if (!after.equals(before)) {
                CibVersion v = after.configuration().equals(before.configuration())
                        ? before.version().nextUpdate() : before.version().nextEpoch();
                current = after.withVersion(v);
                Cib committed = current;
                notifier.execute(() -> listeners.forEach(l -> l.accept(committed)));
            }
            return CompletableFuture.completedFuture(current.version());
        }

        @Override
        public void subscribe(Consumer<Cib> listener) {
            listeners.add(listener);
        }
    }

    /** Agents that answer at once: probes find nothing, everything else succeeds. */
    static final class FakeExecutor implements Executor {
        final List<OperationRequest> requests = Collections.synchronizedList(new ArrayList<>());
        private int callId;

        List<String> calls() {
            synchronized (requests) {
                return requests.stream().map(r -> r.resourceId() + " " + r.action() + " " + r.intervalMs()).toList();
            }
        }

        @Override
        public synchronized CompletableFuture<OperationResult> execute(OperationRequest request) {
            requests.add(request);
            int rc = request.isProbe() ? 7 : 0;
            Instant now = Instant.now();
            OperationResult r = new OperationResult(request, ++callId, rc, OpStatus.DONE, "", now, now,
                    Duration.ofMillis(1), Duration.ZERO, "", "");
            return CompletableFuture.supplyAsync(() -> r);
        }

        @Override
        public boolean cancel(String resourceId, String action, Duration interval) {
            return true;
        }

        @Override
        public List<OperationRequest> recurringOperations() {
            return List.of();
        }

        @Override
        public AgentMetadata metadata(AgentSpec agent) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<AgentSpec> agents(String agentClass) {
            return List.of();
        }

        @Override
        public void close() {
        }
    }

    static final class NoFencer implements Fencer {
        @Override
        public void configure(FenceConfig config) {
        }

        @Override
        public FenceResult fence(String target, FenceAction action, Duration extraDelay) {
            throw new AssertionError("nothing is fenced in these tests");
        }

        @Override
        public List<String> devicesFor(String target) {
            return List.of();
        }

        @Override
        public List<FenceResult> history() {
            return List.of();
        }
    }

}
