package dev.vigil.cli.crm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.cli.heartbeat.Haresources;
import dev.vigil.model.cib.Configuration;
import dev.vigil.model.cib.Group;
import dev.vigil.model.cib.LocationConstraint;
import dev.vigil.model.cib.Primitive;
import java.util.List;
import org.junit.jupiter.api.Test;

/** heartbeat v1's haresources and ha.cf, converted. */
class HaresourcesTest {
    @Test
    void aLineBecomesAGroupWithALocationPreference() {
        var conv = Haresources.convert("node1 192.168.8.66/16/eth0 httpd\n", null);
        Configuration c = CrmTranslatorTest.apply(conv.text());
        Group g = (Group) c.resources().get(0);
        assertEquals("httpd-group", g.id());
        Primitive ip = g.members().get(0);
        assertEquals("ocf:heartbeat:IPaddr2", ip.agent());
        assertEquals("192.168.8.66", ip.instanceAttributes().get(0).get("ip"));
        assertEquals("16", ip.instanceAttributes().get(0).get("cidr_netmask"));
        assertEquals("eth0", ip.instanceAttributes().get(0).get("nic"));
        assertEquals("lsb:httpd", g.members().get(1).agent());
        LocationConstraint l = (LocationConstraint) c.constraints().get(0);
        assertEquals(List.of("httpd-group", "node1", "100"), List.of(l.rsc(), l.node(), l.score()));
        assertTrue(c.rscDefaults().isEmpty(), "no ha.cf, no stickiness");
    }

    @Test
    void haCfMapsAutoFailbackQuorumAndFencing() {
        String haCf = "node node1\nnode node2\nauto_failback off\ndeadtime 10\n";
        var conv = Haresources.convert("node2 IPaddr::198.18.0.20/24 Filesystem::/dev/sdb1::/srv::ext4 zabbix_server\n", haCf);
        Configuration c = CrmTranslatorTest.apply(conv.text());
        Group g = (Group) c.resources().get(0);
        assertEquals(List.of("ip-198.18.0.20", "fs-srv", "zabbix_server"), g.members().stream().map(Primitive::id).toList());
        assertEquals("fs-srv-group", g.id());
        assertEquals("INFINITY", c.rscDefaults().get(0).get("resource-stickiness"));
        assertEquals("ignore", c.clusterProperties().get(0).get("no-quorum-policy"));
        assertEquals("false", c.clusterProperties().get(0).get("stonith-enabled"));
        assertTrue(conv.notes().get(0).contains("'deadtime'"), conv.notes().toString());
        var on = Haresources.convert("node1 httpd\n", "auto_failback on\nstonith_host * baytech 10.0.0.3 mylogin\n");
        assertTrue(on.statements().contains("rsc_defaults resource-stickiness=0"));
        assertTrue(on.statements().stream().noneMatch(s -> s.contains("stonith-enabled")));
    }

    @Test
    void wrongInputIsNamed() {
        assertEquals("line 2: haresources: '300.1.1.1' is not an IPv4 address",
                assertThrows(CrmSyntaxException.class, () -> Haresources.convert("# c\nnode1 300.1.1.1 x\n", null)).getMessage());
        assertTrue(assertThrows(CrmSyntaxException.class, () -> Haresources.convert("node1\n", null))
                .getMessage().startsWith("line 1: haresources: expected 'NODE RESOURCE…'"));
        assertTrue(assertThrows(CrmSyntaxException.class, () -> Haresources.convert("node1 httpd::start\n", null))
                .getMessage().contains("LSB scripts take none"));
        assertTrue(assertThrows(CrmSyntaxException.class, () -> Haresources.convert("# nothing\n", null))
                .getMessage().contains("no resource line found"));
        assertTrue(assertThrows(CrmSyntaxException.class, () -> Haresources.convert("n1 x\n", "auto_failback maybe\n"))
                .getMessage().contains("auto_failback must be on, off or legacy"));
    }
}
