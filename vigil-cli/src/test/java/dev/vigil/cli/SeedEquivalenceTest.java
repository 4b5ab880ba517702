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
 * The seed examples entered two ways, {@code vigil crm configure} (as the classic tutorials
 * write them) and {@code vigil import haresources} (as a heartbeat v1 cluster had them), give the
 * same CIB configuration.
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
            location httpd-group-prefers-node1 httpd-group 100: node1
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
            location zabbix_server-group-prefers-node2 zabbix_server-group 100: node2
            rsc_defaults resource-stickiness=0
            property no-quorum-policy=ignore stonith-enabled=false
            """;

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
