"""The CIB the namespace scenarios and the benchmark run: fencing with fence_netns, and group
`g` = `vip` (Debian's ocf:heartbeat:IPaddr2 on the VIP) then `web` (ocf:vigil:http on the VIP,
port 80), no-quorum-policy=stop."""
from xml.sax.saxutils import quoteattr

VIP_PORT = 80


def fence_device(state_dir, nodes, delay=None, delay_base=None):
    """delay: the agent's own (fence-agents 'delay'); delay_base: the fencer's pcmk_delay_base."""
    delay_pair = ('\n        <nvpair id="fence-delay" name="delay" value="%d"/>' % delay) if delay else ""
    if delay_base:
        delay_pair += '\n        <nvpair id="fence-delay-base" name="pcmk_delay_base" value=%s/>' % quoteattr(delay_base)
    return """
      <primitive id="fence-netns" class="stonith" type="fence_netns">
        <instance_attributes id="fence-netns-ia">
          <nvpair id="fence-state-dir" name="state_dir" value=%s/>
          <nvpair id="fence-hosts" name="pcmk_host_list" value=%s/>%s
        </instance_attributes>
        <operations><op id="fence-netns-monitor" name="monitor" interval="60s"/></operations>
      </primitive>""" % (quoteattr(state_dir), quoteattr(" ".join(nodes)), delay_pair)


def service_group(vip, pid_dir, monitor="1s"):
    return """
      <group id="g">
        <primitive id="vip" class="ocf" provider="heartbeat" type="IPaddr2">
          <instance_attributes id="vip-ia">
            <nvpair id="vip-ip" name="ip" value=%(vip)s/>
            <nvpair id="vip-mask" name="cidr_netmask" value="24"/>
            <nvpair id="vip-nic" name="nic" value="eth0"/>
          </instance_attributes>
          <operations>
            <op id="vip-monitor" name="monitor" interval=%(mon)s timeout="10s"/>
            <op id="vip-start" name="start" interval="0" timeout="20s"/>
            <op id="vip-stop" name="stop" interval="0" timeout="20s"/>
          </operations>
        </primitive>
        <primitive id="web" class="ocf" provider="vigil" type="http">
          <instance_attributes id="web-ia">
            <nvpair id="web-ip" name="ip" value=%(vip)s/>
            <nvpair id="web-port" name="port" value="%(port)d"/>
            <nvpair id="web-pid-file" name="pid_file" value=%(pidfile)s/>
          </instance_attributes>
          <operations>
            <op id="web-monitor" name="monitor" interval=%(mon)s timeout="5s"/>
            <op id="web-start" name="start" interval="0" timeout="10s"/>
            <op id="web-stop" name="stop" interval="0" timeout="10s"/>
          </operations>
        </primitive>
      </group>""" % {"vip": quoteattr(vip), "port": VIP_PORT, "mon": quoteattr(monitor),
                     "pidfile": quoteattr(pid_dir + "/%n@web.pid")}


def cib(state_dir, pid_dir, nodes, vip, stickiness=100, prefer=None, fence_delay=None, fence_delay_base=None,
        extra_props=""):
    """The whole document; `prefer` = a node the group prefers (score 50) for failback tests."""
    constraints = ""
    if prefer:
        constraints = '<rsc_location id="g-prefers" rsc="g" node=%s score="50"/>' % quoteattr(prefer)
    return """<cib admin_epoch="0" epoch="0" num_updates="0">
  <configuration>
    <crm_config>
      <cluster_property_set id="cib-bootstrap-options">
        <nvpair id="opt-stonith-enabled" name="stonith-enabled" value="true"/>
        <nvpair id="opt-stonith-timeout" name="stonith-timeout" value="20s"/>
        <nvpair id="opt-no-quorum-policy" name="no-quorum-policy" value="stop"/>%s
      </cluster_property_set>
    </crm_config>
    <nodes/>
    <resources>%s%s
    </resources>
    <rsc_defaults>
      <meta_attributes id="rsc-defaults">
        <nvpair id="rsc-defaults-stickiness" name="resource-stickiness" value="%d"/>
      </meta_attributes>
    </rsc_defaults>
    <constraints>%s</constraints>
  </configuration>
  <status/>
</cib>""" % (extra_props, fence_device(state_dir, nodes, fence_delay, fence_delay_base), service_group(vip, pid_dir),
             stickiness, constraints)
