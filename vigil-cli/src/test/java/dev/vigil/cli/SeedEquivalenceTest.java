package dev.vigil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.cib.CibXml;
import dev.vigil.model.cib.Cib;
import dev.vigil.model.cib.Status;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed examples entered three ways give the same CIB configuration: built with vigil's own
 * commands ({@code resource create}, {@code constraint}, {@code property}…), typed in crm syntax
 * ({@code vigil crm configure}, as the classic tutorials write them) and, where heartbeat v1 could
 * express them, imported from {@code haresources}/{@code ha.cf}. Offline, on CIB files; the
 * crm and vigil versions use the same names and constraint ids, as a migrating admin would.
 */
class SeedEquivalenceTest {
    static final String WEB_HARESOURCES = "node1 192.168.8.66/16/eth0 httpd\n";
    static final String WEB_HA_CF = "node node1\nnode node2\nnode node3\nauto_failback off\n";
    static final String WEB_CRM = """
            primitive ip-192.168.8.66 ocf:heartbeat:IPaddr2 \\
                params ip=192.168.8.66 cidr_netmask=16 nic=eth0 \\
                op monitor interval=10s timeout=20s
            primitive httpd lsb:httpd op monitor interval=15s timeout=15s
            group httpd-group ip-192.168.8.66 httpd
            location location-httpd-group-node1-100 httpd-group 100: node1
            rsc_defaults resource-stickiness=INFINITY
            property stonith-enabled=false
            commit
            """;

    static final String ZABBIX_HARESOURCES = "node2 198.18.0.20/24 zabbix_server\n";
    static final String ZABBIX_HA_CF = "node node1\nnode node2\nauto_failback on\n";
    static final String ZABBIX_CRM = """
            primitive ip-198.18.0.20 ocf:heartbeat:IPaddr2 params ip=198.18.0.20 cidr_netmask=24 \\
                op monitor interval=10s timeout=20s
            primitive zabbix_server lsb:zabbix_server op monitor interval=15s timeout=15s
            group zabbix_server-group ip-198.18.0.20 zabbix_server
            location location-zabbix_server-group-node2-100 zabbix_server-group 100: node2
            rsc_defaults resource-stickiness=0
            property no-quorum-policy=ignore stonith-enabled=false
            """;

    /** The zabbix-style service as separate constraints (colocation, order, a location rule), on two nodes. */
    static final String ZABBIX_CONSTRAINTS_CRM = """
            primitive zbx-ip ocf:heartbeat:IPaddr2 params ip=198.18.0.20 cidr_netmask=24 \\
                op monitor interval=10s timeout=20s
            primitive zbx-server lsb:zabbix_server op monitor interval=30s timeout=15s
            colocation colocation-zbx-server-zbx-ip-INFINITY inf: zbx-server zbx-ip
            order order-zbx-ip-zbx-server-mandatory Mandatory: zbx-ip zbx-server
            location location-zbx-ip zbx-ip rule 50: #uname eq node2
            property no-quorum-policy=ignore stonith-enabled=false
            """;

    static void vigil(Path cib, String... args) {
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.stream.Stream.of("-f",
                cib.toString())).toArray(String[]::new);
        var r = ApiCommandsTest.run(all);
        assertEquals(0, r.code(), String.join(" ", args) + ": " + r.out() + r.err());
    }

    @Test
    void webBuiltWithVigilCommandsEqualsCrmAndHeartbeat(@TempDir Path dir) throws Exception {
        Path cli = dir.resolve("cli.xml");
        vigil(cli, "resource", "create", "ip-192.168.8.66", "ocf:heartbeat:IPaddr2", "ip=192.168.8.66", "cidr_netmask=16",
                "nic=eth0", "op", "monitor", "interval=10s", "timeout=20s", "--group", "httpd-group");
        vigil(cli, "resource", "create", "httpd", "lsb:httpd", "op", "monitor", "interval=15s", "timeout=15s",
                "--group", "httpd-group", "--force"); // no /etc/init.d/httpd on the test machine
        vigil(cli, "constraint", "location", "httpd-group", "prefers", "node1=100", "--force");
        vigil(cli, "resource", "defaults", "resource-stickiness=INFINITY");
        vigil(cli, "property", "set", "stonith-enabled=false");
        Path crm = dir.resolve("crm.xml");
        crmConfigure(crm, WEB_CRM);
        String expected = configuration(cli);
        assertTrue(expected.contains("<group id=\"httpd-group\">"), expected);
        assertEquals(expected, configuration(crm));
        assertSame(Files.createDirectories(dir.resolve("heartbeat")), WEB_CRM, WEB_HARESOURCES, WEB_HA_CF);
    }

    @Test
    void zabbixBuiltWithVigilCommandsEqualsCrm(@TempDir Path dir) throws Exception {
        Path cli = dir.resolve("cli.xml");
        vigil(cli, "resource", "create", "zbx-ip", "ocf:heartbeat:IPaddr2", "ip=198.18.0.20", "cidr_netmask=24",
                "op", "monitor", "interval=10s", "timeout=20s");
        vigil(cli, "resource", "create", "zbx-server", "lsb:zabbix_server", "op", "monitor", "interval=30s",
                "timeout=15s", "--force");
        vigil(cli, "constraint", "colocation", "add", "zbx-server", "with", "zbx-ip");
        vigil(cli, "constraint", "order", "zbx-ip", "then", "zbx-server");
        vigil(cli, "constraint", "location", "zbx-ip", "rule", "score=50", "#uname", "eq", "node2");
        vigil(cli, "property", "set", "no-quorum-policy=ignore", "stonith-enabled=false");
        Path crm = dir.resolve("crm.xml");
        crmConfigure(crm, ZABBIX_CONSTRAINTS_CRM);
        String expected = configuration(cli);
        assertTrue(expected.contains("<rsc_colocation") && expected.contains("<rsc_order"), expected);
        assertEquals(expected, configuration(crm));
    }

    static String crmConfigure(Path cib, String text) {
        InputStream old = System.in;
        try {
            System.setIn(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
            var r = ApiCommandsTest.run("crm", "configure", "-f", cib.toString());
            assertEquals(0, r.code(), r.out() + r.err());
            return r.out();
        } finally {
            System.setIn(old);
        }
    }

    static String configuration(Path file) {
        Cib cib = CibXml.read(file);
        return CibXml.writeCanonical(new Cib(Map.of(), cib.configuration(), Status.EMPTY));
    }

    @Test
    void webTypedInCrmEqualsWebImportedFromHeartbeat(@TempDir Path dir) throws Exception {
        assertSame(dir, WEB_CRM, WEB_HARESOURCES, WEB_HA_CF);
    }

    @Test
    void zabbixTypedInCrmEqualsZabbixImportedFromHeartbeat(@TempDir Path dir) throws Exception {
        assertSame(dir, ZABBIX_CRM, ZABBIX_HARESOURCES, ZABBIX_HA_CF);
    }

    private static void assertSame(Path dir, String crm, String haresources, String haCf) throws Exception {
        Path viaCrm = dir.resolve("crm.xml");
        crmConfigure(viaCrm, crm);
        Path har = Files.writeString(dir.resolve("haresources"), haresources);
        Path cf = Files.writeString(dir.resolve("ha.cf"), haCf);
        Path viaImport = dir.resolve("import.xml");
        var r = ApiCommandsTest.run("import", "haresources", har.toString(), "--ha-cf", cf.toString(), "-f",
                viaImport.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        String expected = configuration(viaCrm);
        assertTrue(expected.contains("<group") && expected.contains("<rsc_location"), expected);
        assertEquals(expected, configuration(viaImport));
    }
}
