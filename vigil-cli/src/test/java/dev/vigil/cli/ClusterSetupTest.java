package dev.vigil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.cluster.config.ClusterConfig;
import dev.vigil.cluster.config.ConfigParser;
import dev.vigil.cluster.config.NodeConfig;
import dev.vigil.cluster.key.AuthKey;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cluster setup / node add / node remove / destroy on files (the daemons are started by the demo module's test). */
class ClusterSetupTest {
    static ApiCommandsTest.Run run(String... args) {
        return ApiCommandsTest.run(args);
    }

    @Test
    void setupWritesAConfigAndAKeyEveryNodeCanRead(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("web");
        var r = run("cluster", "setup", "--name", "web", "node1=127.0.0.1", "node2=127.0.0.2", "node3=198.18.0.13",
                "--dir", dir.toString(), "--port", "7100");
        assertEquals(0, r.code(), r.err());
        ClusterConfig c = ConfigParser.parse(dir.resolve("vigil.conf"));
        assertEquals("web", c.totem().clusterName());
        assertEquals(7100, c.totem().port(0));
        assertEquals(3, c.nodes().size());
        assertEquals(dir.resolve("authkey"), c.keyfile(dir.resolve("vigil.conf")));
        assertTrue(AuthKey.load(dir.resolve("authkey")).size() >= AuthKey.MIN_SIZE);
        assertTrue(r.out().contains("node1 (127.0.0.1) is on this machine"), r.out());
        assertTrue(r.out().contains("node3 (198.18.0.13) is not on this machine"), r.out());

        // a second setup would lock the nodes out with a new key
        var again = run("cluster", "setup", "--name", "web", "node1=127.0.0.1", "--dir", dir.toString());
        assertEquals(1, again.code());
        assertTrue(again.err().contains("give --force"), again.err());

        // starting a node elsewhere is refused with what to do
        var remote = run("cluster", "start", "--dir", dir.toString(), "node3");
        assertEquals(1, remote.code());
        assertTrue(remote.err().contains("vigil does not log in to other machines"), remote.err());
    }

    @Test
    void twoNodesGetTwoNodeQuorum(@TempDir Path dir) throws Exception {
        assertEquals(0, run("cluster", "setup", "--name", "z", "a=127.0.0.1", "b=127.0.0.2", "--dir", dir.toString()).code());
        assertTrue(ConfigParser.parse(dir.resolve("vigil.conf")).quorum().twoNode());
        var add = run("cluster", "node", "add", "--dir", dir.toString(), "c=127.0.0.3");
        assertEquals(0, add.code(), add.err());
        ClusterConfig three = ConfigParser.parse(dir.resolve("vigil.conf"));
        assertFalse(three.quorum().twoNode());
        assertEquals(3, three.node("c").map(NodeConfig::nodeId).orElseThrow());
        assertEquals(0, run("cluster", "node", "remove", "--dir", dir.toString(), "a").code());
        ClusterConfig two = ConfigParser.parse(dir.resolve("vigil.conf"));
        assertEquals(java.util.List.of("b", "c"), two.nodes().stream().map(NodeConfig::name).toList());
        assertTrue(two.quorum().twoNode());
    }

    @Test
    void wrongArgumentsChangeNothing(@TempDir Path dir) throws Exception {
        assertMessage("'node1' is not NODE=ADDRESS", "cluster", "setup", "--name", "x", "node1", "--dir", dir.toString());
        assertMessage("is not an IP address", "cluster", "setup", "--name", "x", "n1=host.example", "--dir", dir.toString());
        assertMessage("address 127.0.0.1 is given to two nodes", "cluster", "setup", "--name", "x", "a=127.0.0.1",
                "b=127.0.0.1", "--dir", dir.toString());
        assertFalse(Files.exists(dir.resolve("vigil.conf")));
        assertMessage("no cluster in", "cluster", "start", "--all", "--dir", dir.toString());
        assertEquals(0, run("cluster", "setup", "--name", "x", "a=127.0.0.1", "--dir", dir.toString()).code());
        String before = Files.readString(dir.resolve("vigil.conf"));
        assertMessage("node a is already in the cluster", "cluster", "node", "add", "--dir", dir.toString(), "a=127.0.0.9");
        assertMessage("node 'zz' is not in the nodelist", "cluster", "node", "remove", "--dir", dir.toString(), "zz");
        assertMessage("is the last node", "cluster", "node", "remove", "--dir", dir.toString(), "a");
        assertMessage("give --all or the names of nodes", "cluster", "start", "--dir", dir.toString());
        assertMessage("give --force", "cluster", "destroy", "--dir", dir.toString());
        assertEquals(before, Files.readString(dir.resolve("vigil.conf")));
    }

    @Test
    void destroyRemovesTheClustersFiles(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("c");
        assertEquals(0, run("cluster", "setup", "--name", "x", "a=127.0.0.1", "--dir", dir.toString()).code());
        Files.createDirectories(dir.resolve("a").resolve("state"));
        var r = run("cluster", "destroy", "--dir", dir.toString(), "--force");
        assertEquals(0, r.code(), r.err());
        assertFalse(Files.exists(dir));
    }

    @Test
    void completionScriptKnowsTheCommands() {
        var r = run("completion", "bash");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("complete -F _complete_vigil"), r.out().substring(0, 200));
        for (String word : new String[] {"explain", "status", "--inactive", "haresources", "configure", "--transition"}) {
            assertTrue(r.out().contains(word), word);
        }
        assertEquals(2, run("completion", "fish").code());
    }

    private static void assertMessage(String expected, String... args) {
        var r = run(args);
        assertEquals(1, r.code(), r.out());
        assertTrue(r.err().contains(expected), r.err());
    }
}
