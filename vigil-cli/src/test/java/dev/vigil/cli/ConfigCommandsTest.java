package dev.vigil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.api.ApiProtocol;
import dev.vigil.cib.CibXml;
import dev.vigil.cli.ApiCommandsTest.Run;
import dev.vigil.cli.edit.Resources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Placement, shadow copies, import/export/diff, JSON output, agents and help, offline on files. */
class ConfigCommandsTest {
    @TempDir
    static Path agents;
    @TempDir
    Path dir;

    @BeforeAll
    static void installAgents() throws Exception {
        TestAgents.install(agents);
    }

    @AfterAll
    static void uninstallAgents() {
        TestAgents.uninstall();
    }

    static Run ok(String... args) {
        Run r = ApiCommandsTest.run(args);
        assertEquals(0, r.code(), () -> String.join(" ", args) + "\nout: " + r.out() + "\nerr: " + r.err());
        return r;
    }

    Path twoNodes() throws Exception {
        Path cib = dir.resolve("cib.xml");
        Files.writeString(cib, """
                <cib validate-with="pacemaker-3.9" admin_epoch="0" epoch="1" num_updates="0">
                  <configuration><crm_config/>
                    <nodes><node id="1" uname="node1"/><node id="2" uname="node2"/></nodes>
                    <resources/><constraints/></configuration>
                  <status/>
                </cib>
                """);
        ok("resource", "create", "d1", "ocf:vigil:Dummy", "-f", cib.toString());
        return cib;
    }

    @Test
    void moveAndBanLeaveExpiringConstraintsThatClearRemoves() throws Exception {
        Path cib = twoNodes();
        String f = cib.toString();
        Run move = ok("resource", "move", "d1", "node2", "-f", f);
        assertTrue(move.out().startsWith("d1 moved to node2 until 20"), move.out());
        ok("resource", "ban", "d1", "node1", "--lifetime", "forever", "-f", f);
        Run list = ok("constraint", "list", "-f", f);
        assertTrue(list.out().contains("Left by move/ban (remove with: vigil resource clear RESOURCE):\n  d1 moved to node2, expires 20"),
                list.out());
        assertTrue(list.out().contains("  d1 banned from node1, until cleared (id:cli-ban-d1-on-node1)\n"), list.out());
        JsonNode json = ApiProtocol.mapper().readTree(ok("constraint", "list", "--output", "json", "-f", f).out());
        assertEquals("move", json.get(0).get("leftover").asText());
        assertEquals("ban", json.get(1).get("leftover").asText());
        ok("resource", "clear", "d1", "-f", f);
        assertEquals(List.of(), CibXml.read(cib).configuration().constraints());
        Run noNode = ApiCommandsTest.run("resource", "move", "d1", "-f", f);
        assertEquals(1, noNode.code());
        assertTrue(noNode.err().contains("'d1' is not running anywhere the status section shows; name the node"), noNode.err());
        Run lifetime = ApiCommandsTest.run("resource", "ban", "d1", "node1", "--lifetime", "soon", "-f", f);
        assertEquals(1, lifetime.code());
        assertTrue(lifetime.err().contains("--lifetime 'soon' is not a duration"), lifetime.err());
    }

    @Test
    void shadowCopiesBatchChangesAndRefuseToOverwriteANewerConfiguration() throws Exception {
        Path cib = twoNodes();
        String f = cib.toString();
        ok("cib", "shadow", "new", "batch", "-f", f);
        Path shadow = Path.of(System.getProperty("vigil.shadow.dir"), "batch.xml");
        ok("resource", "create", "d2", "ocf:vigil:Dummy", "-f", shadow.toString());
        ok("constraint", "order", "d1", "then", "d2", "-f", shadow.toString());
        Run diff = ApiCommandsTest.run("cib", "shadow", "diff", "batch", "-f", f);
        assertEquals(1, diff.code());
        assertTrue(diff.out().contains("+      <primitive id=\"d2\""), diff.out());
        String before = Files.readString(cib);
        ok("property", "set", "stonith-enabled=false", "-f", f);
        Run stale = ApiCommandsTest.run("cib", "shadow", "commit", "batch", "-f", f);
        assertEquals(4, stale.code(), stale.err());
        assertTrue(stale.err().contains("changed since it was read"), stale.err());
        Files.writeString(cib, before);
        ok("cib", "shadow", "commit", "batch", "-f", f);
        assertTrue(Resources.find(CibXml.read(cib).configuration(), "d2").isPresent());
        assertEquals("batch\n", ok("cib", "shadow", "list").out());
        ok("cib", "shadow", "delete", "batch");
        assertEquals(3, ApiCommandsTest.run("cib", "shadow", "diff", "batch", "-f", f).code());
    }

    @Test
    void shadowEditKeepsOnlyAValidEdit() throws Exception {
        Path cib = twoNodes();
        ok("cib", "shadow", "new", "ed", "-f", cib.toString());
        Path shadow = Path.of(System.getProperty("vigil.shadow.dir"), "ed.xml");
        try {
            System.setProperty("vigil.editor", "sed -i 's/<resources>/<resources><bogus>/'");
            String before = Files.readString(shadow);
            Run bad = ApiCommandsTest.run("cib", "shadow", "edit", "ed");
            assertEquals(1, bad.code(), bad.out() + bad.err());
            assertTrue(bad.err().startsWith("vigil: "), bad.err());
            assertEquals(before, Files.readString(shadow));
            System.setProperty("vigil.editor", "sed -i 's/<resources>/<resources><primitive id=\"d9\" class=\"ocf\" "
                    + "provider=\"vigil\" type=\"Dummy\"\\/>/'");
            ok("cib", "shadow", "edit", "ed");
            assertTrue(Resources.find(CibXml.read(shadow).configuration(), "d9").isPresent());
        } finally {
            System.clearProperty("vigil.editor");
            ok("cib", "shadow", "delete", "ed");
        }
    }

    @Test
    void importValidatesReportsAndReplacesTheConfiguration() throws Exception {
        Path cib = twoNodes();
        Path exported = dir.resolve("exported.xml");
        ok("cib", "export", "-o", exported.toString(), "--config-only", "-f", cib.toString());
        Path target = dir.resolve("other.xml");
        Run imported = ok("cib", "import", exported.toString(), "-f", target.toString());
        assertTrue(imported.out().startsWith(exported + ": valid; everything in it is supported"), imported.out());
        assertEquals(0, ApiCommandsTest.run("cib", "diff", exported.toString(), "-f", target.toString()).code());

        Path broken = dir.resolve("broken.xml");
        Files.writeString(broken, Files.readString(exported).replace("<constraints/>",
                "<constraints><rsc_order id=\"o\" first=\"d1\" then=\"nothere\"/></constraints>")
                .replace("<constraints>\n", "<constraints>\n<rsc_order id=\"o\" first=\"d1\" then=\"nothere\"/>\n"));
        byte[] before = Files.readAllBytes(target);
        Run refused = ApiCommandsTest.run("cib", "import", broken.toString(), "-f", target.toString());
        assertEquals(1, refused.code(), refused.out() + refused.err());
        assertTrue(refused.err().contains("'nothere'"), refused.err());
        assertEquals(new String(before), Files.readString(target));

        Path foreign = dir.resolve("foreign.xml");
        Files.writeString(foreign, Files.readString(exported).replace("type=\"Dummy\"", "type=\"Dummy\"")
                .replace("<resources>", "<resources><primitive id=\"r1\" class=\"ocf\" provider=\"pacemaker\" type=\"remote\"/>"));
        Run report = ok("cib", "import", foreign.toString(), "--dry-run", "-f", target.toString());
        assertTrue(report.out().contains("resource 'r1': remote node connection (ocf:pacemaker:remote) is not run by the daemon"),
                report.out());
        assertTrue(report.out().contains("resource 'r1': agent ocf:pacemaker:remote not found"), report.out());
        assertEquals(new String(before), Files.readString(target), "--dry-run changes nothing");
    }

    @Test
    void readCommandsAnswerInJson() throws Exception {
        Path cib = twoNodes();
        String f = cib.toString();
        ok("node", "standby", "node1", "-f", f);
        ok("property", "set", "no-quorum-policy=ignore", "-f", f);
        JsonNode config = ApiProtocol.mapper().readTree(ok("config", "show", "--output", "json", "-f", f).out());
        assertEquals("d1", config.get("resources").get(0).get("id").asText());
        assertEquals("on", config.get("nodes").get(0).get("attributes").get("standby").asText());
        JsonNode props = ApiProtocol.mapper().readTree(ok("property", "list", "--all", "--output", "json", "-f", f).out());
        assertEquals("no-quorum-policy", props.get(0).get("name").asText());
        assertTrue(props.size() > 30);
        JsonNode resources = ApiProtocol.mapper().readTree(ok("resource", "show", "d1", "--output", "json", "-f", f).out());
        assertEquals("ocf:vigil:Dummy", resources.get(0).get("agent").asText());
        JsonNode describe = ApiProtocol.mapper().readTree(ok("resource", "describe", "IPaddr2", "--output", "json").out());
        assertTrue(describe.get("parameters").get(0).get("required").asBoolean());
        assertEquals("10s", describe.get("actions").get(2).get("interval").asText());
        List<String> agentsListed = List.of(ok("resource", "list-agents").out().split("\n"));
        assertTrue(agentsListed.containsAll(List.of("ocf:heartbeat:IPaddr2", "ocf:vigil:Dummy", "lsb:zabbix-server")),
                agentsListed.toString());
        Run unknownAgent = ApiCommandsTest.run("resource", "describe", "IPadr2");
        assertEquals(3, unknownAgent.code());
        assertTrue(unknownAgent.err().contains("agent 'IPadr2' is not installed (did you mean IPaddr2?)"), unknownAgent.err());
    }

    @Test
    void everyCommandHasHelpWithAnExample() {
        List<String> missing = new ArrayList<>();
        collect(VigilCommand.commandLine(), missing);
        assertEquals(List.of(), missing, "commands without an example in --help");
    }

    private static void collect(CommandLine cl, List<String> missing) {
        for (CommandLine sub : cl.getSubcommands().values()) {
            CommandLine.Model.CommandSpec s = sub.getCommandSpec();
            String name = s.qualifiedName();
            boolean group = !sub.getSubcommands().isEmpty();
            boolean ours = s.userObject().getClass().getPackageName().matches("dev\\.vigil\\.cli\\.(resource|constraint|property|"
                    + "node|stonith|config|cib)");
            if (ours && !group && !String.join("\n", s.usageMessage().footer()).contains("Example")) {
                missing.add(name);
            }
            if (!(s.userObject() instanceof CommandLine.HelpCommand) && !sub.equals(cl)) {
                collect(sub, missing);
            }
        }
    }
}
