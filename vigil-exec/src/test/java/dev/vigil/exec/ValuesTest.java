package dev.vigil.exec;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ValuesTest {
    @Test
    void ocfResultMeaningsAndExpectations() {
        assertEquals(OcfResult.ERR_GENERIC, OcfResult.of(42));
        assertFalse(OcfResult.isOcfCode(42));
        assertTrue(OcfResult.isOcfCode(191));
        assertEquals("not running", OcfResult.NOT_RUNNING.meaningFor("monitor"));
        assertEquals("failed: not running", OcfResult.NOT_RUNNING.meaningFor("start"));
        assertEquals("running promoted", OcfResult.RUNNING_PROMOTED.meaningFor("monitor"));
        assertTrue(OcfResult.DEGRADED.satisfies(0));
        assertTrue(OcfResult.DEGRADED_PROMOTED.satisfies(8));
        assertFalse(OcfResult.DEGRADED.satisfies(8));
        assertTrue(OcfResult.NOT_RUNNING.satisfies(7));
        assertEquals(OcfResult.Severity.HARD, OcfResult.ERR_INSTALLED.severity());
        assertEquals(OcfResult.Severity.FATAL, OcfResult.ERR_CONFIGURED.severity());
        assertEquals(OpStatus.TIMED_OUT, OpStatus.fromCode(2));
    }

    @Test
    void expectedRcFollowsPacemaker() {
        AgentSpec dummy = AgentSpec.parse("ocf:heartbeat:Dummy");
        OperationRequest probe = OperationRequest.of("d", dummy, "monitor");
        assertTrue(probe.isProbe());
        assertEquals(7, probe.expectedRc());
        assertEquals(0, probe.withInterval(Duration.ofSeconds(10)).expectedRc());
        assertEquals(8, probe.withInterval(Duration.ofSeconds(10)).withMeta(Map.of("op_target_rc", "8")).expectedRc());
        assertEquals(0, probe.withAction("start").expectedRc());
        assertEquals("d_monitor_10000", probe.withInterval(Duration.ofSeconds(10)).operationKey());
        assertTrue(probe.withMeta(Map.of("trace_ra", "1")).traceRequested());
    }

    @Test
    void agentSpecsParseAndPrint() {
        assertEquals("ocf:heartbeat:IPaddr2", AgentSpec.parse("OCF:heartbeat:IPaddr2").toString());
        assertEquals(AgentSpec.stonith("fence_xvm"), AgentSpec.parse("stonith:fence_xvm"));
        assertEquals(AgentSpec.systemd("nginx"), AgentSpec.parse("systemd:nginx"));
        assertEquals("service:cron", AgentSpec.parse("service:cron").toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AgentSpec.parse("lsb:a:b"));
        assertTrue(e.getMessage().startsWith("'lsb:a:b' is not an agent"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AgentSpec.parse("ocf:vigil:../../bin/sh"));
        assertThrows(IllegalArgumentException.class, () -> new AgentSpec("lsb", "p", "x"));
    }

    @Test
    void badRequestsNameTheResource() {
        AgentSpec dummy = AgentSpec.parse("ocf:heartbeat:Dummy");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OperationRequest.of("d", dummy, "start").withParameters(Map.of("a=b", "1")));
        assertEquals("resource 'd': bad parameter name 'a=b'", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OperationRequest.of("d", dummy, "start; rm"));
        assertThrows(IllegalArgumentException.class, () -> OperationRequest.of("d", dummy, "start").withTimeout(Duration.ZERO));
    }
}
