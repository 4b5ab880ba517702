package dev.vigil.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.cli.VigilCommand;
import dev.vigil.controller.status.CibStatus;
import dev.vigil.model.cib.Cib;
import dev.vigil.model.cib.NodeState;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code vigil stonith fence} against three real daemons on loopback with {@code fence_vigil}:
 * the request goes through the asking node's daemon to the DC, the target's processes are
 * killed, the DC records it in the CIB and the history shows it.
 */
@Timeout(180)
class ManualFenceTest {
    private static final Duration SETTLE = Duration.ofSeconds(30);

    private LocalCluster cluster;

    @BeforeEach
    void start() throws Exception {
        cluster = LocalCluster.create("fence", 3, LocalCluster.vigilHome(), LocalCluster.currentClasspath());
        cluster.start();
        cluster.awaitFormed(Duration.ofSeconds(60));
    }

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private record Run(int rc, String out, String err) {
    }

    private Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = VigilCommand.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Run(rc, out.toString(), err.toString());
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    private static boolean fencedInCib(Cib cib, String node) {
        NodeState s = CibStatus.node(cib, node);
        return s != null && "false".equals(s.get("in_ccm")) && !s.hasLrm();
    }

    @Test
    void fencesAnIdleNodeThroughTheDcAndShowsItInTheHistory() throws Exception {
        String via = cluster.alive().get(0);
        cluster.replaceConfiguration(via, DemoCib.cib(DemoCib.fencingProperties(),
                DemoCib.fenceDevice(cluster.pidDir(), cluster.names()), ""));
        String dc = cluster.status(via).dc();
        List<String> others = new ArrayList<>(cluster.names());
        others.remove(dc);
        String target = others.get(0);
        String asker = others.get(1);
        String askerSocket = cluster.node(asker).socket().toString();
        await("every node to know the fence device", SETTLE, () -> cluster.alive().stream()
                .allMatch(n -> cluster.cib(n).configuration().resources().stream()
                        .anyMatch(r -> r.id().equals("fence-vigil"))));

        Run unknown = cli("stonith", "fence", "node9", "--socket", askerSocket);
        assertNotEquals(0, unknown.rc());
        assertTrue(unknown.err().contains("no node named 'node9'"), unknown.err());
        Run theDc = cli("stonith", "fence", dc, "--socket", askerSocket);
        assertNotEquals(0, theDc.rc());
        assertTrue(theDc.err().contains("is the DC"), theDc.err());

        Run fence = cli("stonith", "fence", target, "--off", "--socket", askerSocket);
        assertEquals(0, fence.rc(), fence.out() + fence.err());
        assertTrue(fence.out().contains("Node " + target + " fenced (off)"), fence.out());
        await(target + "'s daemon to die", SETTLE, () -> !cluster.alive().contains(target));
        await("the fencing of " + target + " in the CIB", SETTLE, () -> fencedInCib(cluster.cib(dc), target));

        Run history = cli("stonith", "history", target, "--socket", askerSocket);
        assertEquals(0, history.rc(), history.err());
        assertTrue(history.out().contains("off " + target + ": done by " + dc), history.out());
    }
}
