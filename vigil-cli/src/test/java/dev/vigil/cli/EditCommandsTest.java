package dev.vigil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.cib.CibXml;
import dev.vigil.cli.ApiCommandsTest.Run;
import dev.vigil.model.cib.Cib;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration commands offline on a CIB file (-f): the seed examples built from nothing, and wrong input. */
class EditCommandsTest {
    @TempDir
    static Path agents;
    @TempDir
    Path dir;
    Path cib;

    @BeforeAll
    static void installAgents() throws Exception {
        TestAgents.install(agents);
    }

    @AfterAll
    static void uninstallAgents() {
        TestAgents.uninstall();
    }

    @BeforeEach
    void file() {
        cib = dir.resolve("cib.xml");
    }

    Run ok(String... args) {
        Run r = run(args);
        assertEquals(0, r.code(), () -> String.join(" ", args) + "\nout: " + r.out() + "\nerr: " + r.err());
        return r;
    }

    Run run(String... args) {
        String[] withFile = java.util.Arrays.copyOf(args, args.length + 2);
        withFile[args.length] = "-f";
        withFile[args.length + 1] = cib.toString();
        return ApiCommandsTest.run(withFile);
    }

    /** Runs a command that must fail with {@code code} and a message containing {@code message}, leaving the file as it was. */
    Run refused(int code, String message, String... args) throws Exception {
        byte[] before = Files.readAllBytes(cib);
        Run r = run(args);
        assertEquals(code, r.code(), () -> "out: " + r.out() + "\nerr: " + r.err());
        assertTrue(r.err().contains(message), () -> "expected '" + message + "' in: " + r.err());
        assertTrue(r.err().startsWith("vigil: "), r.err());
        assertEquals(new String(before), new String(Files.readAllBytes(cib)), "the file changed");
        return r;
    }

    void webService() {
        ok("resource", "create", "vip", "ocf:heartbeat:IPaddr2", "ip=192.168.122.120", "cidr_netmask=24",
                "op", "monitor", "interval=30s", "--group", "web");
        ok("resource", "create", "site", "apache", "configfile=/etc/httpd/conf/httpd.conf", "--group", "web");
        ok("resource", "defaults", "resource-stickiness=100");
        ok("constraint", "location", "web", "prefers", "node1=50");
    }

    void zabbixService() {
        ok("resource", "create", "zabbix-ip", "IPaddr2", "ip=192.168.122.130");
        ok("resource", "create", "zabbix", "lsb:zabbix-server");
        ok("constraint", "colocation", "add", "zabbix", "with", "zabbix-ip");
        ok("constraint", "order", "zabbix-ip", "then", "zabbix");
        ok("constraint", "location", "zabbix", "prefers", "node2=100");
        ok("property", "set", "no-quorum-policy=ignore", "stonith-enabled=false");
    }

    @Test
    void buildsTheSeedExamplesFromNothing() {
        webService();
        zabbixService();
        Cib c = CibXml.read(cib);
        assertEquals("0.10.0", c.version().toString());
        Run show = ok("config", "show");
        assertTrue(show.out().contains("""
                  Group: web
                    Resource: vip (class=ocf provider=heartbeat type=IPaddr2)
                      Attributes: ip=192.168.122.120 cidr_netmask=24
                      Operations:
                        monitor interval=30s (vip-monitor-interval-30s)
                    Resource: site (class=ocf provider=heartbeat type=apache)
                      Attributes: configfile=/etc/httpd/conf/httpd.conf
                      Operations:
                        monitor interval=10s timeout=20s (site-monitor-interval-10s)
                """), show.out());
        Run list = ok("constraint", "list");
        assertEquals("""
                Location Constraints:
                  web prefers node1 (score 50)
                  zabbix prefers node2 (score 100)
                Ordering Constraints:
                  start zabbix-ip then start zabbix (Mandatory)
                Colocation Constraints:
                  zabbix with zabbix-ip (score INFINITY)
                Ticket Constraints:
                """, list.out());
        Run props = ok("property", "list");
        assertEquals("Cluster Properties:\n  no-quorum-policy: ignore\n  stonith-enabled: false\n", props.out());
        assertTrue(ok("resource", "defaults").out().contains("resource-stickiness: 100"));
    }

    @Test
    void wrongInputForTheOtherCommandGroupsChangesNothingEither() throws Exception {
        java.nio.file.Files.writeString(cib, """
                <cib validate-with="pacemaker-3.9" admin_epoch="0" epoch="1" num_updates="0">
                  <configuration><crm_config/>
                    <nodes><node id="1" uname="node1"/><node id="2" uname="node2"/></nodes>
                    <resources/><constraints/></configuration>
                  <status/>
                </cib>
                """);
        webService();
        refused(1, "property: no-quorum-policy='ignor' is not one of", "property", "set", "no-quorum-policy=ignor");
        refused(1, "property: unknown option 'stonith-enable' (did you mean 'stonith-enabled'?)", "property", "set",
                "stonith-enable=false");
        refused(3, "property 'stonith-enabled' is not set", "property", "unset", "stonith-enabled");
        refused(3, "node 'node3' is not in the configuration (did you mean 'node1' or 'node2'?)", "node", "standby", "node3");
        refused(1, "utilization cpu='lots' is not a non-negative integer", "node", "utilization", "node1", "cpu=lots");
        refused(3, "fence device 'ipmi' does not exist", "stonith", "level", "add", "1", "node1", "ipmi");
        refused(3, "resource 'sitee' does not exist (did you mean 'site'?)", "resource", "group", "add", "web2", "sitee");
        refused(3, "resource 'vip' has no op stop", "resource", "op", "remove", "vip", "stop");
        refused(1, "has no parameter 'adress'", "resource", "update", "vip", "adress=1.2.3.4");
        refused(1, "only a top-level primitive or group can be cloned", "resource", "clone", "vip");
        refused(1, "resource defaults: resource-stickiness='high' is not a score", "resource", "defaults",
                "resource-stickiness=high");
        refused(3, "no constraint 'location-web-node1-5'", "constraint", "remove", "location-web-node1-5");
        refused(1, "'vip' is in the group 'web' and moves with it: move or ban 'web' instead", "resource", "move", "vip", "node2");
        refused(3, "node 'node5' is not in the configuration", "resource", "ban", "web", "node5");
        Run unknownGroup = run("resource", "frobnicate", "web");
        assertEquals(2, unknownGroup.code());
        ok("node", "standby", "node1");
        ok("resource", "group", "remove", "web", "site");
        ok("resource", "clone", "site");
        Cib c = CibXml.read(cib);
        assertEquals("on", dev.vigil.cli.edit.NvSets.allValues(c.configuration().nodes().get(0).instanceAttributes())
                .get("standby"));
        assertEquals("clone", dev.vigil.cli.edit.Resources.kind(dev.vigil.cli.edit.Resources.require(c.configuration(),
                "site-clone")));
    }

    @Test
    void wrongInputIsRefusedByNameAndChangesNothing() throws Exception {
        webService();
        refused(3, "agent ocf:heartbeat:IPadr2 not found", "resource", "create", "x", "ocf:heartbeat:IPadr2", "ip=1.2.3.4");
        refused(3, "did you mean ocf:heartbeat:IPaddr2?", "resource", "create", "x", "ocf:heartbeat:IPadr2", "ip=1.2.3.4");
        refused(1, "resource 'x': ocf:heartbeat:IPaddr2 requires parameter ip", "resource", "create", "x",
                "ocf:heartbeat:IPaddr2", "cidr_netmask=24");
        refused(1, "has no parameter 'netmask' (did you mean 'cidr_netmask'?)", "resource", "create", "x",
                "IPaddr2", "ip=1.2.3.4", "netmask=24");
        refused(1, "bad score: 'abc' is not a score", "constraint", "location", "web", "prefers", "node1=abc");
        refused(3, "resource 'wbe' does not exist (did you mean 'web'?)", "constraint", "location", "wbe", "prefers", "node1");
        refused(1, "resource id 'vip' is already used", "resource", "create", "vip", "IPaddr2", "ip=1.2.3.4");
        ok("resource", "create", "db", "IPaddr2", "ip=192.168.122.140");
        ok("constraint", "order", "db", "then", "web");
        refused(1, "mandatory order loop: db then web then db", "constraint", "order", "web", "then", "db");
        refused(1, "mandatory order loop: site then vip then site", "constraint", "order", "site", "then", "vip");
        ok("constraint", "colocation", "add", "web", "with", "db");
        refused(1, "colocation loop: db with web with db", "constraint", "colocation", "add", "db", "with", "web");
        refused(1, "bad score: '-5x' is not a score", "constraint", "colocation", "add", "db", "with", "vip", "id=x", "score=-5x");
    }
}
