package dev.vigil.sim;

import dev.vigil.controller.core.CoreConfig;
import java.time.Duration;

/** Ready-made simulation settings. */
public final class Scenarios {
    private Scenarios() {
    }

    /** Controller tunables for simulated clusters: quick joins, retries and history checks. */
    public static CoreConfig fastCore() {
        return new CoreConfig(Duration.ofSeconds(3), 5, Duration.ofSeconds(20), 8, 3,
                Duration.ofSeconds(5), 200, Duration.ofMillis(500), Duration.ofSeconds(5), 30, 10_000,
                Duration.ofSeconds(10));
    }

    /**
     * Settings for a scripted scenario (no random faults): {@code nodes} nodes and a CIB whose
     * configuration sections are given as XML fragments (properties are nvpairs).
     */
    public static Simulation.Settings scripted(int nodes, String properties, String resources, String constraints,
                                               String rscDefaults) {
        StringBuilder nodeXml = new StringBuilder();
        for (int i = 1; i <= nodes; i++) {
            nodeXml.append("<node id=\"").append(i).append("\" uname=\"node").append(i).append("\"/>");
        }
        String xml = "<cib admin_epoch=\"0\" epoch=\"1\" num_updates=\"0\"><configuration><crm_config>"
                + "<cluster_property_set id=\"options\">" + properties + "</cluster_property_set></crm_config>"
                + "<nodes>" + nodeXml + "</nodes><resources>" + resources + "</resources>"
                + "<rsc_defaults><meta_attributes id=\"rsc-defaults\">" + rscDefaults + "</meta_attributes></rsc_defaults>"
                + "<constraints>" + constraints + "</constraints></configuration><status/></cib>";
        boolean stonith = !properties.contains("name=\"stonith-enabled\" value=\"false\"");
        return new Simulation.Settings(nodes, xml, Duration.ZERO, Duration.ZERO, Duration.ofDays(1), stonith, fastCore());
    }

    /**
     * N nodes with a fence device, a group of two resources and two single resources, each
     * monitored every 5 s (the fence device every 10 s); failures expire after 60 s so that a long run of faults cannot ban a
     * resource for good, and fencing is on (with short stonith-timeout and cluster-delay, so that
     * lost messages are noticed within the run).
     */
    public static Simulation.Settings standard(int nodes, Duration faultPhase, Duration quietPhase) {
        StringBuilder nodeXml = new StringBuilder();
        for (int i = 1; i <= nodes; i++) {
            nodeXml.append("      <node id=\"").append(i).append("\" uname=\"node").append(i).append("\"/>\n");
        }
        String xml = """
                <cib admin_epoch="0" epoch="1" num_updates="0" validate-with="pacemaker-3.9">
                  <configuration>
                    <crm_config>
                      <cluster_property_set id="options">
                        <nvpair id="o1" name="stonith-enabled" value="true"/>
                        <nvpair id="o2" name="cluster-recheck-interval" value="60s"/>
                        <nvpair id="o3" name="stonith-timeout" value="10s"/>
                        <nvpair id="o4" name="cluster-delay" value="10s"/>
                      </cluster_property_set>
                    </crm_config>
                    <nodes>
                %s    </nodes>
                    <resources>
                      <primitive id="fence" class="stonith" type="fence_sim">
                        <operations><op id="fence-mon" name="monitor" interval="10s" timeout="10s"/></operations>
                      </primitive>
                      <group id="g">
                        <primitive id="a" class="ocf" provider="vigil" type="Dummy">
                          <operations><op id="a-mon" name="monitor" interval="5s" timeout="10s"/></operations>
                        </primitive>
                        <primitive id="b" class="ocf" provider="vigil" type="Dummy">
                          <operations><op id="b-mon" name="monitor" interval="5s" timeout="10s"/></operations>
                        </primitive>
                      </group>
                      <primitive id="c" class="ocf" provider="vigil" type="Dummy">
                        <operations><op id="c-mon" name="monitor" interval="5s" timeout="10s"/></operations>
                      </primitive>
                      <primitive id="d" class="ocf" provider="vigil" type="Dummy">
                        <operations><op id="d-mon" name="monitor" interval="5s" timeout="10s"/></operations>
                      </primitive>
                    </resources>
                    <rsc_defaults>
                      <meta_attributes id="defaults">
                        <nvpair id="d1" name="failure-timeout" value="60s"/>
                        <nvpair id="d2" name="migration-threshold" value="3"/>
                      </meta_attributes>
                    </rsc_defaults>
                    <constraints/>
                  </configuration>
                  <status/>
                </cib>
                """.formatted(nodeXml);
        return new Simulation.Settings(nodes, xml, faultPhase, quietPhase, Duration.ofSeconds(4), true, fastCore());
    }
}
