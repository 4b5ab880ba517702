package dev.vigil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.api.ApiError;
import dev.vigil.api.ApiTypes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The commands that talk to the daemon, against a fake daemon: output, errors, exit codes. */
class ApiCommandsTest {
    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = VigilCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static final ApiTypes.ClusterStatus STATUS = new ApiTypes.ClusterStatus("web", "node2", 7, List.of(
            new ApiTypes.NodeInfo("node1", 1, true, true, false),
            new ApiTypes.NodeInfo("node2", 2, true, false, true),
            new ApiTypes.NodeInfo("node3", 3, false, false, false)),
            new ApiTypes.QuorumInfo(true, 2, 3, 2, "quorate: 2 of 3 expected votes, 2 needed"), "node1",
            new ApiTypes.CibInfo("0.5.3", "0123456789abcdef0123"));

    @Test
    void clusterStatusAsTextAndJson(@TempDir Path dir) throws Exception {
        Path sock = dir.resolve("s.sock");
        try (FakeDaemon d = new FakeDaemon(sock).on(ApiTypes.CLUSTER_STATUS, a -> STATUS)) {
            Run text = run("cluster", "status", "--socket", sock.toString());
            assertEquals(0, text.code(), text.err());
            assertEquals("""
                    Cluster web, as seen from node2
                      Quorum: quorate: 2 of 3 expected votes, 2 needed
                      DC:     node1
                      CIB:    0.5.3 (digest 0123456789ab)
                      Nodes:  2 of 3 online
                        node1  id 1   online   DC
                        node2  id 2   online   (this node)
                        node3  id 3   offline
                    """, text.out());
            Run json = run("cluster", "status", "--output", "json", "--socket", sock.toString());
            assertEquals(STATUS, dev.vigil.api.ApiProtocol.mapper().readValue(json.out(), ApiTypes.ClusterStatus.class));
            assertEquals(2, d.requests.size());
        }
    }

    @Test
    void cibQueryPrintsTheXml(@TempDir Path dir) throws Exception {
        Path sock = dir.resolve("s.sock");
        try (FakeDaemon d = new FakeDaemon(sock).on(ApiTypes.CIB_QUERY, a -> new ApiTypes.CibQueryResult("0.1.0", "ab", "<cib/>\n"))) {
            Run r = run("cib", "query", "--socket", sock.toString());
            assertEquals(new Run(0, "<cib/>\n", ""), r);
            assertEquals(ApiTypes.CIB_QUERY, d.requests.get(0).type());
        }
    }

    @Test
    void cibReplaceSendsTheFileAndListsProblems(@TempDir Path dir) throws Exception {
        Path sock = dir.resolve("s.sock");
        Path file = dir.resolve("new.xml");
        Files.writeString(file, "<cib>file</cib>");
        try (FakeDaemon d = new FakeDaemon(sock).on(ApiTypes.CIB_REPLACE, a -> a.get("xml").asText().contains("bad")
                ? new ApiError(ApiError.INVALID_CIB, "the new CIB is refused: 2 problems; nothing was changed",
                        List.of("<rsc_order id=\"o1\">: then 'web' does not exist", "<x>: y"))
                : new ApiTypes.CibReplaceResult("0.6.0", true))) {
            Run ok = run("cib", "replace", "--xml-file", file.toString(), "--socket", sock.toString());
            assertEquals(new Run(0, "CIB replaced: version 0.6.0\n", ""), ok);
            assertEquals("<cib>file</cib>", d.requests.get(0).args().get("xml").asText());
            Files.writeString(file, "<cib>bad</cib>");
            Run bad = run("cib", "replace", "--xml-file", file.toString(), "--socket", sock.toString());
            assertEquals(new Run(1, "", "vigil: the new CIB is refused: 2 problems; nothing was changed\n"
                    + "  <rsc_order id=\"o1\">: then 'web' does not exist\n  <x>: y\n"), bad);
            Run missing = run("cib", "replace", "--xml-file", dir.resolve("nope.xml").toString(), "--socket", sock.toString());
            assertEquals(1, missing.code());
            assertTrue(missing.err().startsWith("vigil: cannot read " + dir.resolve("nope.xml")), missing.err());
        }
    }

    @Test
    void nodeAttributeSetsShowsAndDeletes(@TempDir Path dir) throws Exception {
        Path sock = dir.resolve("s.sock");
        try (FakeDaemon d = new FakeDaemon(sock).on(ApiTypes.NODE_ATTRIBUTE, a -> {
            if (a.path("name").asText().equals("nope")) {
                return new ApiError(ApiError.NOT_FOUND, "attribute 'nope' is not set on node1 (lifetime forever)", null);
            }
            boolean delete = a.path("delete").asBoolean(false);
            String value = a.hasNonNull("value") ? a.get("value").asText() : delete ? null : "on";
            return new ApiTypes.NodeAttributeResult(a.get("node").asText(), a.get("name").asText(), value,
                    a.get("lifetime").asText(), "0.7.0");
        })) {
            String s = sock.toString();
            assertEquals(new Run(0, "node1: standby=on (lifetime forever, CIB 0.7.0)\n", ""),
                    run("node", "attribute", "node1", "standby", "on", "--socket", s));
            assertEquals(new Run(0, "on\n", ""), run("node", "attribute", "node1", "standby", "--socket", s));
            assertEquals(new Run(0, "node2: pingd deleted (lifetime reboot, CIB 0.7.0)\n", ""),
                    run("node", "attribute", "node2", "pingd", "--delete", "--lifetime", "reboot", "--socket", s));
            assertEquals("reboot", d.requests.get(2).args().get("lifetime").asText());
            assertEquals(new Run(3, "", "vigil: attribute 'nope' is not set on node1 (lifetime forever)\n"),
                    run("node", "attribute", "node1", "nope", "--socket", s));
            Run both = run("node", "attribute", "node1", "a", "1", "--delete", "--socket", s);
            assertEquals(2, both.code());
            assertTrue(both.err().startsWith("give a VALUE or --delete, not both"), both.err());
            Run lifetime = run("node", "attribute", "node1", "a", "1", "--lifetime", "weekly", "--socket", s);
            assertEquals(2, lifetime.code());
            assertTrue(lifetime.err().startsWith("--lifetime must be reboot or forever, not 'weekly'"), lifetime.err());
            assertEquals(3, d.requests.size() - 1, "usage errors send nothing");
        }
    }

    @Test
    void aMissingDaemonIsExplained(@TempDir Path dir) {
        Run r = run("cluster", "status", "--socket", dir.resolve("none.sock").toString());
        assertEquals(69, r.code());
        assertTrue(r.err().startsWith("vigil: cannot connect to " + dir.resolve("none.sock")
                + ": no such socket (is the vigil daemon running on this node?"), r.err());
    }

    @Test
    void keygenWritesAPrivateKeyAndKeepsAnExistingOne(@TempDir Path dir) throws Exception {
        Path key = dir.resolve("etc").resolve("authkey");
        Run r = run("keygen", "--output", key.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("wrote " + key + " (128 bytes, mode 0400, fingerprint "), r.out());
        assertEquals("r--------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        byte[] first = Files.readAllBytes(key);
        Run again = run("keygen", "--output", key.toString());
        assertEquals(1, again.code());
        assertTrue(again.err().contains("exists; a new key locks out every node that has the old one (give --force"), again.err());
        assertEquals(0, run("keygen", "--output", key.toString(), "--force").code());
        assertTrue(!java.util.Arrays.equals(first, Files.readAllBytes(key)), "a new key");
    }
}
