package dev.vigil.controller.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.cib.CibXml;
import dev.vigil.model.cib.Cib;
import dev.vigil.model.cib.LrmResource;
import dev.vigil.model.cib.NodeState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusEditTest {
    private static final Cib CIB = CibXml.parse("""
            <cib admin_epoch="0" epoch="3" num_updates="0">
              <configuration><crm_config/><nodes><node id="1" uname="node1"/><node id="2" uname="node2"/></nodes>
                <resources/><constraints/></configuration>
              <status/>
            </cib>""");

    private static Map<String, String> attrs(Cib cib, String node) {
        return CibStatus.transientAttributes(CibStatus.node(cib, node));
    }

    @Test
    void nodeEntriesAreCreatedWithTheConfiguredId() {
        Cib cib = new StatusEdit.SetNodeFields("node2", Map.of("in_ccm", "true")).apply(CIB);
        NodeState s = CibStatus.node(cib, "node2");
        assertEquals("2", s.id());
        assertEquals("true", s.get("in_ccm"));
        assertEquals("node7", CibStatus.nodeId(cib, "node7"));
    }

    @Test
    void failCountsCountUpOrGoToInfinityAndIgnoredFailuresOnlyNoteTheTime() {
        Cib cib = new StatusEdit.RecordFailure("node1", "web", "monitor", 10000, false, true, 100).apply(CIB);
        cib = new StatusEdit.RecordFailure("node1", "web", "monitor", 10000, false, true, 160).apply(cib);
        assertEquals("2", attrs(cib, "node1").get("fail-count-web#monitor_10000"));
        assertEquals("160", attrs(cib, "node1").get("last-failure-web#monitor_10000"));
        cib = new StatusEdit.RecordFailure("node1", "web", "start", 0, true, true, 170).apply(cib);
        assertEquals("INFINITY", attrs(cib, "node1").get("fail-count-web#start_0"));
        cib = new StatusEdit.RecordFailure("node1", "db", "monitor", 5000, false, false, 180).apply(cib);
        assertNull(attrs(cib, "node1").get("fail-count-db#monitor_5000"));
        assertEquals("180", attrs(cib, "node1").get("last-failure-db#monitor_5000"));
        assertEquals("status-1-fail-count-web.monitor_10000",
                CibStatus.node(cib, "node1").transientAttributes().get(0).pairs().get(0).id());
    }

    @Test
    void cleanupClearsOneResourceOrEverything() {
        Cib cib = new StatusEdit.RecordFailure("node1", "web", "monitor", 10000, false, true, 100).apply(CIB);
        cib = new StatusEdit.RecordFailure("node1", "web-ip", "start", 0, true, true, 100).apply(cib);
        cib = new StatusEdit.SetTransientAttribute("node1", "standby", "on").apply(cib);
        Cib one = new StatusEdit.ClearFailures("node1", "web", null).apply(cib);
        assertEquals(List.of("fail-count-web-ip#start_0", "last-failure-web-ip#start_0", "standby"),
                List.copyOf(attrs(one, "node1").keySet()));
        Cib all = new StatusEdit.ClearFailures(null, null, null).apply(cib);
        assertEquals(List.of("standby"), List.copyOf(attrs(all, "node1").keySet()));
        Cib none = new StatusEdit.ClearTransientAttributes("node1").apply(cib);
        assertTrue(attrs(none, "node1").isEmpty());
    }

    @Test
    void aFencedNodeIsDownWithNoHistoryAndNoAttributes() {
        Cib cib = new StatusEdit.ReplaceHistory("node2", List.of(new LrmResource("web", "ocf", "vigil", "http", null,
                List.of()))).apply(CIB);
        cib = new StatusEdit.SetTransientAttribute("node2", "standby", "on").apply(cib);
        cib = new StatusEdit.SetNodeFields("node2", Map.of("in_ccm", "true", "crmd", "online", "join", "member",
                "expected", "member")).apply(cib);
        NodeState s = CibStatus.node(new StatusEdit.NodeFenced("node2").apply(cib), "node2");
        assertEquals("false", s.get("in_ccm"));
        assertEquals("offline", s.get("crmd"));
        assertEquals("down", s.get("join"));
        assertEquals("down", s.get("expected"));
        assertTrue(s.lrmResources().isEmpty());
        assertFalse(s.hasLrm());
        assertTrue(s.transientAttributes().isEmpty());
    }

    @Test
    void editsThatChangeNothingReturnTheSameCopy() {
        assertSame(CIB, new StatusEdit.RemoveOperation("node1", "web", "web_monitor_10000").apply(CIB));
        assertSame(CIB, new StatusEdit.SetTransientAttribute("node1", "x", null).apply(CIB));
        assertSame(CIB, new StatusEdit.ForgetResource(null, "web").apply(CIB));
    }
}
