package dev.vigil.cli.edit;

import dev.vigil.cib.CibXml;
import dev.vigil.model.cib.Cib;

/** Small CIBs for edit tests, written as XML so they read like a real configuration. */
public final class TestCibs {
    private TestCibs() {
    }

    /** Two nodes; a group 'web' of ip + site (ocf:vigil:Dummy); a primitive 'db'. */
    public static Cib web() {
        return CibXml.parse("""
                <cib validate-with="pacemaker-3.9" admin_epoch="0" epoch="5" num_updates="2">
                  <configuration>
                    <crm_config/>
                    <nodes>
                      <node id="1" uname="node1"/>
                      <node id="2" uname="node2"/>
                    </nodes>
                    <resources>
                      <group id="web">
                        <primitive id="ip" class="ocf" provider="vigil" type="Dummy">
                          <instance_attributes id="ip-instance_attributes">
                            <nvpair id="ip-instance_attributes-state" name="state" value="/tmp/ip"/>
                          </instance_attributes>
                        </primitive>
                        <primitive id="site" class="ocf" provider="vigil" type="Dummy"/>
                      </group>
                      <primitive id="db" class="ocf" provider="vigil" type="Dummy"/>
                    </resources>
                    <constraints/>
                  </configuration>
                  <status/>
                </cib>
                """);
    }
}
