package dev.vigil.cli.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.cli.show.LineDiff;
import dev.vigil.cli.show.StatusFacts;
import dev.vigil.cib.CibXml;
import dev.vigil.model.cib.Cib;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Properties, defaults, node settings, fencing levels; and the pure helpers the commands print with. */
class SettingEditsTest {
    @Test
    void propertiesAreCheckedByNameAndType() {
        Cib c = Validation.applyChecked(TestCibs.web(), SettingEdits.properties(Map.of("stonith-enabled", "false"), false));
        assertEquals(Map.of("stonith-enabled", "false"), NvSets.allValues(c.configuration().clusterProperties()));
        assertEquals("cib-bootstrap-options", c.configuration().clusterProperties().get(0).id());
        EditException name = assertThrows(EditException.class, () -> SettingEdits.properties(Map.of("stonith-enable", "false"),
                false).apply(TestCibs.web()));
        assertTrue(name.getMessage().startsWith("property: unknown option 'stonith-enable' (did you mean 'stonith-enabled'?)"),
                name.getMessage());
        EditException type = assertThrows(EditException.class, () -> SettingEdits.properties(Map.of("no-quorum-policy",
                "ignor"), false).apply(TestCibs.web()));
        assertEquals("property: no-quorum-policy='ignor' is not one of stop, freeze, ignore, demote, suicide, fence",
                type.getMessage());
        assertThrows(EditException.class, () -> SettingEdits.properties(Map.of("cluster-recheck-interval", "often"), false)
                .apply(TestCibs.web()));
        SettingEdits.properties(Map.of("my-own", "x"), true).apply(TestCibs.web());
        Map<String, String> unset = new LinkedHashMap<>();
        unset.put("stonith-enabled", null);
        assertEquals(List.of(), SettingEdits.properties(unset, false).apply(c).configuration().clusterProperties());
    }

    @Test
    void defaultsAreCheckedToo() {
        Cib c = Validation.applyChecked(TestCibs.web(), SettingEdits.resourceDefaults(Map.of("resource-stickiness", "100"), false));
        assertEquals(Map.of("resource-stickiness", "100"), NvSets.allValues(c.configuration().rscDefaults()));
        EditException e = assertThrows(EditException.class, () -> SettingEdits.resourceDefaults(Map.of("resource-stickiness",
                "sticky"), false).apply(TestCibs.web()));
        assertEquals("resource defaults: resource-stickiness='sticky' is not a score (an integer or [+-]INFINITY)",
                e.getMessage());
        c = Validation.applyChecked(TestCibs.web(), SettingEdits.opDefaults(Map.of("timeout", "60s"), false));
        assertEquals(Map.of("timeout", "60s"), NvSets.allValues(c.configuration().opDefaults()));
    }

    @Test
    void nodeStandbyAndUtilization() {
        Cib c = Validation.applyChecked(TestCibs.web(), SettingEdits.nodeAttributes(List.of("node1"), Map.of("standby", "on")));
        assertEquals(Map.of("standby", "on"), NvSets.allValues(c.configuration().nodes().get(0).instanceAttributes()));
        UnknownIdException e = assertThrows(UnknownIdException.class, () -> SettingEdits.nodeAttributes(List.of("node3"),
                Map.of("standby", "on")).apply(TestCibs.web()));
        assertEquals("node 'node3' is not in the configuration (did you mean 'node1' or 'node2'?)", e.getMessage());
        c = Validation.applyChecked(c, SettingEdits.nodeUtilization("node2", Map.of("cpu", "8")));
        assertEquals(Map.of("cpu", "8"), NvSets.allValues(c.configuration().nodes().get(1).utilization()));
        assertThrows(EditException.class, () -> SettingEdits.nodeUtilization("node2", Map.of("cpu", "-1")).apply(TestCibs.web()));
    }

    @Test
    void fencingLevelsNeedFenceDevices() {
        Cib c = Validation.applyChecked(TestCibs.web(), ResourceEdits.create(new ResourceEdits.Create("ipmi1", "stonith", null,
                "fence_ipmilan", ResourceArgs.parse(List.of()), null, false, null, true)));
        c = Validation.applyChecked(c, FencingEdits.levelAdd(1, "node1", List.of("ipmi1"), false));
        assertEquals("fl-node1-1", c.configuration().fencingTopology().get(0).id());
        Cib x = c;
        assertThrows(EditException.class, () -> FencingEdits.levelAdd(1, "node1", List.of("ipmi1"), false).apply(x));
        UnknownIdException notDevice = assertThrows(UnknownIdException.class,
                () -> FencingEdits.levelAdd(2, "node1", List.of("db"), false).apply(x));
        assertTrue(notDevice.getMessage().startsWith("fence device 'db' does not exist"), notDevice.getMessage());
        assertEquals(List.of(), FencingEdits.levelRemove(null, "node1").apply(c).configuration().fencingTopology());
    }

    @Test
    void statusFactsReadTheHistory() {
        Cib c = CibXml.parse("""
                <cib admin_epoch="0" epoch="1" num_updates="0">
                  <configuration><crm_config/><nodes/><resources/><constraints/></configuration>
                  <status>
                    <node_state id="1" uname="node1">
                      <transient_attributes id="1"><instance_attributes id="status-1">
                        <nvpair id="f1" name="fail-count-db#monitor_10000" value="3"/>
                      </instance_attributes></transient_attributes>
                      <lrm id="1"><lrm_resources>
                        <lrm_resource id="db" class="ocf" provider="vigil" type="Dummy">
                          <lrm_rsc_op id="db_last_0" operation="start" call-id="2" rc-code="0" op-status="0" interval="0"/>
                          <lrm_rsc_op id="db_monitor_10000" operation="monitor" call-id="3" rc-code="7" op-status="0"
                             interval="10000" exit-reason="gone"/>
                        </lrm_resource>
                        <lrm_resource id="web" class="ocf" provider="vigil" type="Dummy">
                          <lrm_rsc_op id="web_last_0" operation="stop" call-id="4" rc-code="0" op-status="0" interval="0"/>
                        </lrm_resource>
                      </lrm_resources></lrm>
                    </node_state>
                  </status>
                </cib>
                """);
        assertEquals(List.of("node1"), StatusFacts.runningOn(c, "db"));
        assertEquals(List.of(), StatusFacts.runningOn(c, "web"));
        assertEquals("db monitor (every 10s) on node1: rc 7 (gone)",
                StatusFacts.failures(c, null, null).get(0).describe());
        assertEquals(List.of(new StatusFacts.FailCount("db", "node1", "monitor_10000", "3")),
                StatusFacts.failCounts(c, "db", "node1"));
    }

    @Test
    void lineDiffShowsChangesWithContext() {
        assertEquals("", LineDiff.diff("a\nb\n", "a\nb\n", "x", "y"));
        assertEquals("--- x\n+++ y\n a\n b\n-c\n+C\n d\n e\n...\n", LineDiff.diff("a\nb\nc\nd\ne\nf\ng\n",
                "a\nb\nC\nd\ne\nf\ng\n", "x", "y"));
    }
}
