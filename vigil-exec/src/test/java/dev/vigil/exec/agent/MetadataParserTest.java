package dev.vigil.exec.agent;

import dev.vigil.exec.AgentException;
import dev.vigil.exec.AgentMetadata;
import dev.vigil.exec.AgentPaths;
import dev.vigil.exec.AgentSpec;
import dev.vigil.exec.ExecutorConfig;
import dev.vigil.exec.process.ProcessRunner;
import dev.vigil.exec.testing.TestProcesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@Timeout(60)
class MetadataParserTest {
    private final AgentInvoker invoker = new AgentInvoker(
            ExecutorConfig.builder("node1").paths(AgentPaths.system().withVigilAgents(TestProcesses.agentsDir())).build(),
            new AgentCatalog(AgentPaths.system().withVigilAgents(TestProcesses.agentsDir())),
            new ProcessRunner(256 * 1024, Duration.ofSeconds(1), Clock.systemUTC()));

    @Test
    void heartbeatIPaddr2() {
        AgentMetadata md = invoker.metadata(AgentSpec.parse("ocf:heartbeat:IPaddr2"));
        assertEquals("IPaddr2", md.name());
        assertEquals("Manages virtual IPv4 and IPv6 addresses (Linux specific version)", md.shortDescription());
        AgentMetadata.Parameter ip = md.parameter("ip").orElseThrow();
        assertTrue(ip.required());
        assertTrue(ip.unique());
        assertEquals("IPv4 or IPv6 address", ip.shortDescription());
        assertEquals("string", ip.type());
        AgentMetadata.Parameter netmask = md.parameter("cidr_netmask").orElseThrow();
        assertFalse(netmask.required());
        assertEquals(Duration.ofSeconds(20), md.defaultTimeout("start").orElseThrow());
        AgentMetadata.Action monitor = md.action("monitor").orElseThrow();
        assertEquals(Duration.ofSeconds(10), monitor.interval());
        assertEquals("0", monitor.depth());
        assertEquals(List.of("ip"), md.missingRequired(Map.of("nic", "lo")));
        assertEquals(List.of(), md.missingRequired(Map.of("ip", "198.18.0.50")));
        assertEquals(List.of("colour"), md.unknownParameters(Map.of("ip", "198.18.0.50", "colour", "red")));
    }

    @Test
    void vigilAgents() {
        AgentMetadata dummy = invoker.metadata(AgentSpec.ocf("vigil", "Dummy"));
        assertEquals("Dummy", dummy.name());
        for (String p : List.of("state", "fake", "start_delay", "stop_delay", "monitor_delay", "fail_start", "fail_stop",
                "fail_monitor_file", "fail_monitor_rc", "hang_start", "hang_stop", "hang_monitor", "op_log")) {
            assertTrue(dummy.parameter(p).isPresent(), p);
        }
        assertEquals("boolean", dummy.parameter("fail_start").orElseThrow().type());
        assertEquals("0", dummy.parameter("fail_start").orElseThrow().defaultValue());
        assertTrue(dummy.parameter("fake").orElseThrow().reloadable());
        assertTrue(dummy.supports("migrate_to"));

        AgentMetadata http = invoker.metadata(AgentSpec.ocf("vigil", "http"));
        assertTrue(http.parameter("ip").orElseThrow().required());
        assertEquals("8080", http.parameter("port").orElseThrow().defaultValue());
        assertEquals(List.of("ip"), http.missingRequired(Map.of()));

        AgentMetadata fence = invoker.metadata(AgentSpec.stonith("fence_vigil"));
        assertEquals("fence_vigil", fence.name());
        assertTrue(fence.shortDescription().startsWith("Fence agent for Vigil test clusters"));
        assertTrue(fence.parameter("plug").isPresent());
        assertTrue(fence.parameter("port").orElseThrow().deprecated());
        assertTrue(fence.supports("list") && fence.supports("status") && fence.supports("off"));
        assertNull(fence.action("off").orElseThrow().timeout());
    }

    @Test
    void fenceAgentsDialect() {
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/fence_dummy")), "fence-agents is not installed");
        AgentMetadata md = invoker.metadata(AgentSpec.stonith("fence_dummy"));
        assertEquals("Dummy fence agent", md.shortDescription());
        assertEquals("reboot", md.parameter("action").orElseThrow().defaultValue());
        assertEquals("Fencing action", md.parameter("action").orElseThrow().shortDescription());
        assertTrue(md.supports("reboot"));
    }

    @Test
    void toleratesNoiseBeforeTheDocumentAndSelectOptions() {
        String xml = """
                warning: something went to stdout first
                <?xml version="1.0"?>
                <resource-agent name="sel">
                  <shortdesc lang="de">Deutsch</shortdesc>
                  <shortdesc lang="en">English</shortdesc>
                  <parameters>
                    <parameter name="mode" required="true"><deprecated/>
                      <content type="select" default="a"><option value="a"/><option value="b"/></content>
                    </parameter>
                  </parameters>
                  <actions><action name="start" timeout="PT1M"/><action name="monitor" timeout="bogus"/></actions>
                </resource-agent>
                """;
        AgentMetadata md = MetadataParser.parse(AgentSpec.ocf("t", "sel"), xml);
        assertEquals("English", md.shortDescription());
        AgentMetadata.Parameter mode = md.parameter("mode").orElseThrow();
        assertTrue(mode.required() && mode.deprecated());
        assertEquals(List.of("a", "b"), mode.options());
        assertEquals(Duration.ofMinutes(1), md.defaultTimeout("start").orElseThrow());
        assertTrue(md.defaultTimeout("monitor").isEmpty());
    }

    @Test
    void rejectsWhatIsNotMetadataAndNeverReadsExternalEntities(@TempDir Path dir) throws Exception {
        AgentSpec spec = AgentSpec.ocf("t", "bad");
        AgentException none = assertThrows(AgentException.class, () -> MetadataParser.parse(spec, "usage: bad {start|stop}"));
        assertTrue(none.getMessage().startsWith("agent ocf:t:bad: "), none.getMessage());
        assertThrows(AgentException.class, () -> MetadataParser.parse(spec, "<resource-agent name='x'><oops></resource-agent>"));
        assertThrows(AgentException.class, () -> MetadataParser.parse(spec, "<?xml version='1.0'?><html/>"));

        Path secret = Files.writeString(dir.resolve("secret"), "TOP-SECRET");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE resource-agent [<!ENTITY s SYSTEM \"file://" + secret
                + "\">]><resource-agent name=\"x\"><shortdesc>&s;</shortdesc></resource-agent>";
        try {
            AgentMetadata md = MetadataParser.parse(spec, xxe);
            assertFalse(md.shortDescription().contains("TOP-SECRET"));
        } catch (AgentException e) {
            assertFalse(e.getMessage().contains("TOP-SECRET"));
        }
    }
}
