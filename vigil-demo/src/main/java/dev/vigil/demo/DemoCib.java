package dev.vigil.demo;

import java.nio.file.Path;
import java.util.List;

/**
 * The demo's configuration: fencing on, with {@code fence_vigil} (it "powers off" a test node by
 * killing the processes in its pid files), and the demo service {@code ocf:vigil:http} on a
 * loopback address that stays the same wherever it runs, monitored every second. Stickiness
 * keeps the service where it is when a node comes back.
 */
public final class DemoCib {
    private DemoCib() {
    }

    /** The fence device for the nodes of a local cluster whose pid files are in {@code pidDir}. */
    public static String fenceDevice(Path pidDir, List<String> nodes) {
        return """
                <primitive id="fence-vigil" class="stonith" type="fence_vigil">
                  <instance_attributes id="fence-vigil-ia">
                    <nvpair id="fence-vigil-pid-dir" name="pid_dir" value="%s"/>
                    <nvpair id="fence-vigil-hosts" name="pcmk_host_list" value="%s"/>
                  </instance_attributes>
                  <operations><op id="fence-vigil-monitor" name="monitor" interval="60s"/></operations>
                </primitive>""".formatted(pidDir, String.join(" ", nodes));
    }

    /** The demo service: answers {@code GET /} on {@code ip:port} with the node's name. */
    public static String webService(String id, String ip, int port, Path pidDir) {
        return """
                <primitive id="%1$s" class="ocf" provider="vigil" type="http">
                  <instance_attributes id="%1$s-ia">
                    <nvpair id="%1$s-ip" name="ip" value="%2$s"/>
                    <nvpair id="%1$s-port" name="port" value="%3$d"/>
                    <nvpair id="%1$s-pid-file" name="pid_file" value="%4$s/%%n@%1$s.pid"/>
                  </instance_attributes>
                  <operations>
                    <op id="%1$s-monitor" name="monitor" interval="1s" timeout="5s"/>
                    <op id="%1$s-start" name="start" interval="0" timeout="10s"/>
                    <op id="%1$s-stop" name="stop" interval="0" timeout="10s"/>
                  </operations>
                </primitive>""".formatted(id, ip, port, pidDir);
    }

    /** A whole CIB document with these cluster properties (nvpair elements) and resources. */
    public static String cib(String properties, String resources, String constraints) {
        return """
                <cib admin_epoch="0" epoch="0" num_updates="0">
                  <configuration>
                    <crm_config>
                      <cluster_property_set id="cib-bootstrap-options">
                %s
                      </cluster_property_set>
                    </crm_config>
                    <nodes/>
                    <resources>
                %s
                    </resources>
                    <rsc_defaults>
                      <meta_attributes id="rsc-defaults">
                        <nvpair id="rsc-defaults-stickiness" name="resource-stickiness" value="100"/>
                      </meta_attributes>
                    </rsc_defaults>
                    <constraints>
                %s
                    </constraints>
                  </configuration>
                  <status/>
                </cib>""".formatted(properties, resources, constraints);
    }

    /** Fencing on; a short stonith-timeout (the test agent answers in well under a second). */
    public static String fencingProperties() {
        return """
                <nvpair id="opt-stonith-enabled" name="stonith-enabled" value="true"/>
                <nvpair id="opt-stonith-timeout" name="stonith-timeout" value="20s"/>""";
    }

    /** The demo's whole configuration. */
    public static String demo(Path pidDir, List<String> nodes, String ip, int port) {
        return cib(fencingProperties(), fenceDevice(pidDir, nodes) + webService("web", ip, port, pidDir), "");
    }
}
