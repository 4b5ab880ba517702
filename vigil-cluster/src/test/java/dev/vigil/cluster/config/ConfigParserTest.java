package dev.vigil.cluster.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigParserTest {
    static final String FULL = """
            # a three-node web cluster
            totem {
                version: 2
                cluster_name: web
                token: 3000
                token_retransmits_before_loss_const: 10
                consensus: 3600
                transport: knet
                keyfile: /etc/vigil/authkey
                crypto_cipher: aes128
                crypto_hash: sha512

                interface {
                    linknumber: 0
                    bindnetaddr: 198.18.0.0
                    mcastport: 5420
                }
            }

            nodelist {
                node {
                    name: node1
                    nodeid: 1
                    ring0_addr: 198.18.0.11
                }
                node {
                    name: node2
                    nodeid: 2
                    ring0_addr: 198.18.0.12
                    quorum_votes: 1
                }
                node {
                    name: node3
                    nodeid: 3
                    ring0_addr: 198.18.0.13
                }
            }

            quorum {
                provider: corosync_votequorum
                expected_votes: 3
                wait_for_all: 1
                last_man_standing: 1
                last_man_standing_window: 20000
                auto_tie_breaker: 0
            }

            logging {
                to_logfile: yes
                logfile: /var/log/vigil/vigil.log
                to_stderr: no
                to_syslog: yes
                debug: trace
                timestamp: hires
            }
            """;

    static final String MINIMAL = """
            totem {
                version: 2
                cluster_name: demo
            }
            nodelist {
                node {
                    name: a
                    nodeid: 1
                    ring0_addr: 127.0.0.1
                }
                node {
                    name: b
                    nodeid: 2
                    ring0_addr: 127.0.0.2
                }
                node {
                    name: c
                    nodeid: 3
                    ring0_addr: 127.0.0.3
                }
            }
            """;

    static ConfigException refused(String text) {
        return assertThrows(ConfigException.class, () -> ConfigParser.parse(text, "vigil.conf"));
    }

    /** Replaces the first occurrence of {@code from} in the minimal file. */
    static String minimalWith(String from, String to) {
        assertTrue(MINIMAL.contains(from), from);
        return MINIMAL.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to));
    }

    @Test
    void readsEverySetting() throws Exception {
        ParsedConfig parsed = ConfigParser.parseWithNotes(FULL, "vigil.conf");
        ClusterConfig c = parsed.config();
        TotemConfig t = c.totem();
        assertEquals("web", t.clusterName());
        assertEquals(Duration.ofMillis(3000), t.token());
        assertEquals(10, t.tokenRetransmitsBeforeLossConst());
        assertEquals(Optional.of(Duration.ofMillis(3600)), t.consensus());
        assertEquals(Transport.KNET, t.transport());
        assertEquals(CryptoCipher.AES128, t.cipher());
        assertEquals(CryptoHash.SHA512, t.hash());
        assertEquals(5420, t.port(0));
        assertEquals(Optional.of(InetAddress.getByName("198.18.0.0")), t.interfaces().get(0).bindNetAddr());
        assertEquals(List.of("node1", "node2", "node3"), c.nodes().stream().map(NodeConfig::name).toList());
        assertEquals(InetAddress.getByName("198.18.0.12"), c.requireNode("node2").ring0Addr());
        assertEquals(3, c.expectedVotes());
        assertTrue(c.quorum().effectiveWaitForAll());
        assertTrue(c.quorum().lastManStanding());
        assertEquals(Duration.ofSeconds(20), c.quorum().lastManStandingWindow());
        assertEquals(Path.of("/var/log/vigil/vigil.log"), c.logging().logfile().orElseThrow());
        assertEquals(LoggingConfig.Debug.TRACE, c.logging().debug());
        assertEquals(LoggingConfig.Timestamp.HIRES, c.logging().timestamp());
        assertFalse(c.logging().toStderr());
        // knet and bindnetaddr are accepted, with a note saying what Vigil does instead
        assertEquals(2, parsed.notes().size(), parsed.notes().toString());
        assertTrue(parsed.notes().get(0).startsWith("vigil.conf:8: transport knet"), parsed.notes().get(0));
        assertTrue(parsed.notes().get(1).startsWith("vigil.conf:15: bindnetaddr"), parsed.notes().get(1));
    }

    @Test
    void appliesDefaults() {
        ClusterConfig c = ConfigParser.parse(MINIMAL, "vigil.conf");
        assertEquals(Duration.ofMillis(1000), c.totem().token());
        assertEquals(5405, c.totem().port(0));
        assertEquals(Duration.ofMillis(1200), c.totem().effectiveConsensus());
        assertEquals(Transport.TCP, c.totem().transport());
        assertEquals(Path.of("/etc/vigil/authkey"), c.totem().keyfile());
        assertEquals(CryptoCipher.AES256, c.totem().cipher());
        assertEquals(QuorumConfig.DEFAULTS, c.quorum());
        assertEquals(LoggingConfig.DEFAULTS, c.logging());
        assertEquals(3, c.expectedVotes());
    }

    @Test
    void acceptsTimeUnitsAndBooleanSpellings() {
        ClusterConfig c = ConfigParser.parse(minimalWith("cluster_name: demo", "cluster_name: demo\n token: 2s")
                + "quorum {\n provider: corosync_votequorum\n wait_for_all: on\n last_man_standing: yes\n"
                + " last_man_standing_window: 500ms\n}\n", "vigil.conf");
        assertEquals(Duration.ofSeconds(2), c.totem().token());
        assertEquals(Duration.ofMillis(500), c.quorum().lastManStandingWindow());
        assertTrue(c.quorum().effectiveWaitForAll());
    }

    @Test
    void writerOutputReadsBackEqual() {
        ClusterConfig full = ConfigParser.parse(FULL, "vigil.conf");
        assertEquals(full, ConfigParser.parse(ConfigWriter.write(full), "written.conf"));
        ClusterConfig minimal = ConfigParser.parse(MINIMAL, "vigil.conf");
        assertEquals(minimal, ConfigParser.parse(ConfigWriter.write(minimal), "written.conf"));
    }

    @Test
    void writerRoundTripsConfigurationsBuiltInCode() throws Exception {
        ClusterConfig two = ClusterConfig.of("pair", List.of(
                NodeConfig.of("alpha", 10, InetAddress.getByName("198.18.0.11")),
                new NodeConfig("beta", 20, InetAddress.getByName("fd00::12"), Optional.empty(), 1)));
        assertTrue(two.quorum().twoNode());
        assertEquals(two, ConfigParser.parse(ConfigWriter.write(two), "x.conf"));

        ClusterConfig four = ClusterConfig.of("four", List.of(
                        new NodeConfig("n1", 1, InetAddress.getByName("10.0.0.1"), Optional.of(InetAddress.getByName("10.1.0.1")), 1),
                        new NodeConfig("n2", 2, InetAddress.getByName("10.0.0.2"), Optional.of(InetAddress.getByName("10.1.0.2")), 1),
                        new NodeConfig("n3", 3, InetAddress.getByName("10.0.0.3"), Optional.of(InetAddress.getByName("10.1.0.3")), 1),
                        new NodeConfig("n4", 4, InetAddress.getByName("10.0.0.4"), Optional.of(InetAddress.getByName("10.1.0.4")), 2)))
                .withTotem(TotemConfig.defaults("four").withToken(Duration.ofMillis(700)).withPort(7000)
                        .withKeyfile(Path.of("keys/authkey")))
                .withQuorum(new QuorumConfig(Optional.of(5), false, Optional.of(true), false, Duration.ofSeconds(10),
                        true, Optional.of(TieBreaker.list(List.of(4, 2)))))
                .withLogging(new LoggingConfig(true, Optional.of(Path.of("/tmp/v.log")), false, true,
                        LoggingConfig.Debug.ON, LoggingConfig.Timestamp.OFF));
        assertEquals(four, ConfigParser.parse(ConfigWriter.write(four), "x.conf"));
    }

    @Test
    void writesFilesAtomically(@TempDir Path dir) throws Exception {
        ClusterConfig c = ConfigParser.parse(MINIMAL, "vigil.conf");
        Path file = dir.resolve("vigil.conf");
        ConfigWriter.writeFile(c, file);
        ConfigWriter.writeFile(c, file);
        assertEquals(c, ConfigParser.parse(file));
        try (var listing = Files.list(dir)) {
            assertEquals(List.of(file), listing.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void resolvesARelativeKeyfileAgainstTheConfigDirectory() {
        ClusterConfig c = ConfigParser.parse(minimalWith("cluster_name: demo", "cluster_name: demo\n keyfile: authkey"), "x");
        assertEquals(Path.of("/etc/vigil/authkey"), c.keyfile(Path.of("/etc/vigil/vigil.conf")));
    }

    // ---- refusals: the message is FILE:LINE: reason ----------------------------------------

    @Test
    void refusesUnknownKeysWithASuggestion() {
        ConfigException e = refused(minimalWith("cluster_name: demo", "cluster_name: demo\n    tokn: 1000"));
        assertEquals("vigil.conf:4: unknown key 'tokn' in totem (did you mean token?)", e.getMessage());
        assertEquals(4, e.line());
    }

    @Test
    void refusesUnknownSections() {
        ConfigException e = refused(MINIMAL + "system {\n  qb_ipc_type: native\n}\n");
        assertEquals("vigil.conf:22: unknown section 'system' at the top level (known: logging, nodelist, quorum, totem)",
                e.getMessage());
    }

    @Test
    void refusesCorosync2KeysWithAdvice() {
        ConfigException e = refused(MINIMAL.replace("cluster_name: demo",
                "cluster_name: demo\n interface {\n  ringnumber: 0\n }"));
        assertEquals("vigil.conf:5: key 'ringnumber' is not valid in interface: use linknumber (corosync 3's name)",
                e.getMessage());
    }

    @Test
    void refusesSyntaxErrors() {
        assertEquals("vigil.conf:3: 'cluster_name demo' is neither 'key: value', 'section {' nor '}'",
                refused(MINIMAL.replace("cluster_name: demo", "cluster_name demo")).getMessage());
        assertEquals("vigil.conf:22: '}' without an open section", refused(MINIMAL + "}\n").getMessage());
        assertEquals("vigil.conf:22: section 'quorum' opened at line 22 is not closed",
                refused(MINIMAL + "quorum {\n").getMessage());
        assertEquals("vigil.conf:4: key 'cluster_name' is set twice in totem (first at line 3)",
                refused(minimalWith("cluster_name: demo", "cluster_name: demo\ncluster_name: other")).getMessage());
        assertEquals("vigil.conf:22: section 'totem' appears twice (first at line 1)",
                refused(MINIMAL + "totem {\n}\n").getMessage());
        assertEquals("vigil.conf:3: key 'cluster_name' has no value",
                refused(MINIMAL.replace("cluster_name: demo", "cluster_name:")).getMessage());
    }

    @Test
    void refusesBadValues() {
        assertEquals("vigil.conf:4: token: 'fast' is not a time (milliseconds such as 1000, or 1s, 500ms)",
                refused(minimalWith("cluster_name: demo", "cluster_name: demo\n token: fast")).getMessage());
        assertEquals("vigil.conf:4: token 50 ms is out of range 200..300000 ms",
                refused(minimalWith("cluster_name: demo", "cluster_name: demo\n token: 50")).getMessage());
        assertEquals("vigil.conf:2: totem version 3 is not supported (must be 2)",
                refused(MINIMAL.replace("version: 2", "version: 3")).getMessage());
        assertEquals("vigil.conf:9: ring0_addr: 'node1.example.com' is not an IP address (Vigil does not resolve host names here)",
                refused(MINIMAL.replace("ring0_addr: 127.0.0.1", "ring0_addr: node1.example.com")).getMessage());
        assertEquals("vigil.conf:8: nodeid: 'one' is not a whole number",
                refused(MINIMAL.replace("nodeid: 1", "nodeid: one")).getMessage());
        assertEquals("vigil.conf:4: transport udp (multicast) is not supported: use tcp, which reaches every node of the nodelist by unicast",
                refused(minimalWith("cluster_name: demo", "cluster_name: demo\n transport: udp")).getMessage());
        assertTrue(refused(minimalWith("cluster_name: demo", "cluster_name: demo\n crypto_cipher: none"))
                .getMessage().startsWith("vigil.conf:4: crypto_cipher none is refused"));
        assertTrue(refused(minimalWith("cluster_name: demo", "cluster_name: demo\n crypto_hash: sha1"))
                .getMessage().startsWith("vigil.conf:4: crypto_hash sha1 is refused"));
        assertEquals("vigil.conf:23: two_node: 'maybe' is not 0/1, yes/no or on/off",
                refused(MINIMAL + "quorum {\n two_node: maybe\n}\n").getMessage());
        assertEquals("vigil.conf:23: provider 'corosync_qdevice' is not supported (Vigil implements corosync_votequorum)",
                refused(MINIMAL + "quorum {\n provider: corosync_qdevice\n}\n").getMessage());
    }

    @Test
    void refusesDuplicateNodes() {
        assertEquals("vigil.conf:13: node 'b': nodeid 1 is already node 'a's",
                refused(MINIMAL.replace("nodeid: 2", "nodeid: 1")).getMessage());
        assertEquals("vigil.conf:12: duplicate node name 'a'",
                refused(MINIMAL.replace("name: b", "name: a")).getMessage());
        assertEquals("vigil.conf:14: node 'b': ring0_addr 127.0.0.1 is already used by node 'a'",
                refused(MINIMAL.replace("ring0_addr: 127.0.0.2", "ring0_addr: 127.0.0.1")).getMessage());
    }

    @Test
    void refusesContradictions() {
        assertEquals("vigil.conf:24: two_node: 1 needs exactly 2 nodes, the nodelist has 3",
                refused(MINIMAL + "quorum {\n provider: corosync_votequorum\n two_node: 1\n}\n").getMessage());
        assertEquals("vigil.conf:5: missing nodelist: Vigil needs every node's name, nodeid and ring0_addr",
                refused("totem {\n version: 2\n cluster_name: x\n}\n\n").getMessage());
        assertEquals("vigil.conf:5: consensus 1000 ms must be at least 1.2 * token (1200 ms)",
                refused(minimalWith("cluster_name: demo", "cluster_name: demo\n token: 1000\n consensus: 1000")).getMessage());
        assertEquals("vigil.conf:23: auto_tie_breaker in a cluster with an odd number of votes (3) needs wait_for_all: 1, "
                        + "or an isolated majority without the tie breaker could become quorate after a restart",
                refused(MINIMAL + "quorum {\n auto_tie_breaker: 1\n}\n").getMessage());
        assertEquals("vigil.conf:23: auto_tie_breaker_node has no effect without auto_tie_breaker: 1",
                refused(MINIMAL + "quorum {\n auto_tie_breaker_node: lowest\n}\n").getMessage());
        assertEquals("vigil.conf:23: expected_votes 9 needs 5 votes for quorum but the nodelist has only 3",
                refused(MINIMAL + "quorum {\n expected_votes: 9\n}\n").getMessage());
        assertEquals("vigil.conf:24: to_logfile: yes needs a logfile",
                refused(MINIMAL + "\nlogging {\n to_logfile: yes\n}\n").getMessage());
        assertEquals("vigil.conf:24: last_man_standing needs every node to have exactly 1 vote",
                refused(MINIMAL.replace("nodeid: 3", "nodeid: 3\n quorum_votes: 2")
                        + "quorum {\n last_man_standing: 1\n}\n").getMessage());
    }

    @Test
    void refusesTwoNodeWithAutoTieBreaker() {
        String two = MINIMAL.replace("""
                    node {
                        name: c
                        nodeid: 3
                        ring0_addr: 127.0.0.3
                    }
                """, "");
        ClusterConfig ok = ConfigParser.parse(two + "quorum {\n two_node: 1\n}\n", "vigil.conf");
        assertTrue(ok.quorum().effectiveWaitForAll(), "two_node implies wait_for_all");
        String message = refused(two + "quorum {\n two_node: 1\n auto_tie_breaker: 1\n}\n").getMessage();
        assertTrue(message.startsWith("vigil.conf:19: two_node and auto_tie_breaker cannot both be on"), message);
    }

    @Test
    void refusesInconsistentLinks() {
        ConfigException e = refused(MINIMAL.replace("ring0_addr: 127.0.0.2", "ring0_addr: 127.0.0.2\n ring1_addr: 10.0.0.2"));
        assertEquals("vigil.conf:11: node 'b' has a ring1_addr but node 'a' does not: every node needs the same links",
                e.getMessage());
        e = refused(minimalWith("cluster_name: demo", "cluster_name: demo\n interface {\n  linknumber: 1\n  mcastport: 5406\n }"));
        assertEquals("vigil.conf:4: interface linknumber 1 but node 'a' has no ring1_addr", e.getMessage());
    }

    @Test
    void reportsUnreadableFiles(@TempDir Path dir) {
        Path missing = dir.resolve("nope.conf");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigParser.parse(missing));
        assertTrue(e.getMessage().startsWith(missing + ": cannot read: NoSuchFileException"), e.getMessage());
    }

    @Test
    void refusesContradictionsInConfigurationsBuiltInCode() throws Exception {
        List<NodeConfig> nodes = List.of(NodeConfig.of("a", 1, InetAddress.getByName("127.0.0.1")),
                NodeConfig.of("b", 1, InetAddress.getByName("127.0.0.2")));
        ConfigException e = assertThrows(ConfigException.class, () -> ClusterConfig.of("x", nodes));
        assertEquals("node 'b': nodeid 1 is already node 'a's", e.getMessage());
    }
}
