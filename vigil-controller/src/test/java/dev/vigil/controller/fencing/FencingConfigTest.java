package dev.vigil.controller.fencing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.cib.CibXml;
import dev.vigil.exec.fence.FenceConfig;
import dev.vigil.model.cib.Cib;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FencingConfigTest {
    private static Cib cib(String status) {
        return CibXml.parse("""
                <cib admin_epoch="0" epoch="1" num_updates="0">
                  <configuration>
                    <crm_config><cluster_property_set id="o">
                      <nvpair id="o1" name="stonith-timeout" value="30s"/>
                      <nvpair id="o2" name="priority-fencing-delay" value="5s"/>
                    </cluster_property_set></crm_config>
                    <nodes><node id="1" uname="node1"/><node id="2" uname="node2"/></nodes>
                    <resources>
                      <primitive id="f1" class="stonith" type="fence_vigil">
                        <instance_attributes id="f1-ia">
                          <nvpair id="f1-1" name="pid_dir" value="/run/pids"/>
                          <nvpair id="f1-2" name="pcmk_delay_base" value="node1:0s;node2:2s"/>
                        </instance_attributes>
                        <meta_attributes id="f1-m"><nvpair id="f1-m1" name="priority" value="5"/></meta_attributes>
                      </primitive>
                      <primitive id="f2" class="stonith" type="fence_other">
                        <meta_attributes id="f2-m"><nvpair id="f2-m1" name="target-role" value="Stopped"/></meta_attributes>
                      </primitive>
                      <primitive id="web" class="ocf" provider="vigil" type="http">
                        <meta_attributes id="web-m"><nvpair id="web-m1" name="priority" value="10"/></meta_attributes>
                      </primitive>
                    </resources>
                    <constraints/>
                    <fencing-topology>
                      <fencing-level id="l1" target="node1" index="1" devices="f1"/>
                    </fencing-topology>
                  </configuration>
                  <status>%s</status>
                </cib>""".formatted(status));
    }

    @Test
    void enabledStonithPrimitivesBecomeDevicesWithTheirParametersPriorityAndTheTopology() {
        FenceConfig c = FenceDevices.from(cib(""));
        assertEquals(1, c.devices().size(), "a disabled device is left out");
        assertEquals("fence_vigil", c.devices().get(0).agent());
        assertEquals(Map.of("pid_dir", "/run/pids", "pcmk_delay_base", "node1:0s;node2:2s"), c.devices().get(0).params());
        assertEquals(5, c.devices().get(0).priority());
        assertEquals(1, c.levels().size());
        assertEquals(Duration.ofSeconds(30), c.stonithTimeout());
    }

    @Test
    void priorityFencingDelayProtectsTheNodeRunningTheMoreImportantResources() {
        String webOnNode1 = """
                <node_state id="1" uname="node1" in_ccm="false" crmd="offline" join="down" expected="member">
                  <lrm id="1"><lrm_resources><lrm_resource id="web" class="ocf" provider="vigil" type="http">
                    <lrm_rsc_op id="web_last_0" operation_key="web_start_0" operation="start" call-id="3"
                        rc-code="0" op-status="0" interval="0" transition-key="1:1:0:u"/>
                  </lrm_resource></lrm_resources></lrm>
                </node_state>""";
        Cib cib = cib(webOnNode1);
        assertEquals(Duration.ofSeconds(5), PriorityFencingDelay.forTarget(cib, "node1", Set.of("node2")),
                "fencing the node with the service waits");
        assertEquals(Duration.ZERO, PriorityFencingDelay.forTarget(cib, "node2", Set.of("node1")),
                "fencing the other one does not");
        assertEquals(Duration.ZERO, PriorityFencingDelay.forTarget(cib(""), "node1", Set.of("node2")),
                "equal priorities: no delay");
        assertEquals(Duration.ZERO, PriorityFencingDelay.forTarget(cib, "node1", Set.of("node1", "node2")),
                "a member of this partition is not lost");
    }
}
