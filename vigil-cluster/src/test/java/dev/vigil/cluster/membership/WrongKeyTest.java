package dev.vigil.cluster.membership;

import dev.vigil.cluster.config.ClusterConfig;
import dev.vigil.cluster.key.AuthKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A node configured into the cluster but holding another key is kept out, quietly. */
@Timeout(90)
class WrongKeyTest {
    @Test
    void aNodeWithAnotherKeyCannotJoinReadOrDisturb() throws Exception {
        AuthKey key = AuthKey.generate();
        AuthKey wrong = AuthKey.generate();
        ClusterConfig c = TestCluster.config("wrongkey", 3, TestCluster.freePort(3));
        try (LogCapture security = new LogCapture(SecurityLog.LOGGER);
             LogCapture jgroups = new LogCapture(JGroupsLogging.LOGGER);
             TestCluster.Node n1 = TestCluster.start(c, "node1", key, null);
             TestCluster.Node n2 = TestCluster.start(c, "node2", key, null)) {
            View pair = n1.recorder().awaitView(v -> v.size() == 2, Duration.ofSeconds(20), "node1+node2");
            n2.recorder().awaitView(v -> v.size() == 2, Duration.ofSeconds(20), "node1+node2 on node2");
            int viewsBefore1 = n1.recorder().views().size();
            int viewsBefore2 = n2.recorder().views().size();

            try (TestCluster.Node intruder = TestCluster.start(c, "node3", wrong, null)) {
                intruder.membership().broadcast("let me in".getBytes(StandardCharsets.UTF_8));
                // Several discovery and merge rounds (MERGE3 runs every 0.5-2 s).
                long refusalsAfterStart = n1.membership().refusedConnections() + n2.membership().refusedConnections();
                Thread.sleep(8_000);

                assertEquals(List.of("node3"), intruder.membership().view().members(), "the intruder stays alone");
                assertEquals(viewsBefore1, n1.recorder().views().size(), "no spurious view on node1: " + n1.recorder().views());
                assertEquals(viewsBefore2, n2.recorder().views().size(), "no spurious view on node2: " + n2.recorder().views());
                assertEquals(pair.members(), n1.membership().view().members());
                assertTrue(n1.recorder().messages().stream().noneMatch(m -> m.from().equals("node3")), "nothing injected");
                assertTrue(n2.recorder().messages().stream().noneMatch(m -> m.from().equals("node3")), "nothing injected");

                long refusals = n1.membership().refusedConnections() + n2.membership().refusedConnections()
                        + intruder.membership().refusedConnections();
                assertTrue(refusals > refusalsAfterStart + 2, "it kept trying and was refused each time: " + refusals);
                List<String> lines = security.lines();
                // Once per node and remote address: node1 and node2 about 127.0.0.3, node3 about each of them.
                assertEquals(1, count(lines, "node1: refusing cluster traffic with 127.0.0.3"), lines.toString());
                assertEquals(1, count(lines, "node2: refusing cluster traffic with 127.0.0.3"), lines.toString());
                assertTrue(count(lines, "node3: refusing cluster traffic with 127.0.0.1") <= 1, lines.toString());
                assertTrue(count(lines, "node3: refusing cluster traffic with 127.0.0.2") <= 1, lines.toString());
                assertTrue(count(lines, "node3: refusing") >= 1, lines.toString());
                assertTrue(lines.size() <= 4, "no flood: " + lines);
                assertFalse(lines.stream().anyMatch(l -> l.contains("node1: refusing cluster traffic with 127.0.0.2")));
                // JGroups' own complaints about the failed connections stay below the admin's log level.
                assertEquals(List.of(), jgroups.lines(), "JGroups wrote to the admin's log");
            }
            assertEquals(viewsBefore1, n1.recorder().views().size(), "the intruder leaving changes nothing either");
        }
    }

    private static long count(List<String> lines, String text) {
        return lines.stream().filter(l -> l.contains(text)).count();
    }
}
