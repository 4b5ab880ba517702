package dev.vigil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil status} and {@code vigil explain} on a CIB file: the views, the reasons, wrong input. */
class StatusExplainTest {
    static String cib(String name) throws Exception {
        return Paths.get(StatusExplainTest.class.getResource("/cli/" + name).toURI()).toString();
    }

    static ApiCommandsTest.Run run(String... args) {
        return ApiCommandsTest.run(args);
    }

    @Test
    void statusShowsNodesGroupsAndFailedActions() throws Exception {
        var r = run("status", "-f", cib("web-running.xml"));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Current DC: node1 (partition with quorum)"), r.out());
        assertTrue(r.out().contains("* Online: [ node1 (DC) node2 ]"), r.out());
        assertTrue(r.out().contains("* Node node3: standby"), r.out());
        assertTrue(r.out().contains("* Resource Group: web:"), r.out());
        assertTrue(r.out().contains("web-ip\t(ocf:heartbeat:IPaddr2):\t Started node1"), r.out());
        assertTrue(r.out().contains("web-httpd\t(lsb:httpd):\t FAILED node1"), r.out());
        assertTrue(r.out().contains("web-httpd_monitor_10000 on node1 'not running' (7)"), r.out());
    }

    @Test
    void briefIsOneLinePerResourceWithoutSummary() throws Exception {
        var r = run("status", "-f", cib("web-running.xml"), "--brief");
        assertEquals(0, r.code(), r.err());
        assertFalse(r.out().contains("Cluster Summary"), r.out());
        assertTrue(r.out().contains("* web (group): Started node1 FAILED"), r.out());
    }

    @Test
    void jsonCarriesTheSameState() throws Exception {
        var r = run("status", "-f", cib("web-running.xml"), "--output", "json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"kind\" : \"group\""), r.out());
        assertTrue(r.out().contains("\"state\" : \"standby\""), r.out());
    }

    @Test
    void inactiveResourcesOnlyWithInactive(@TempDir Path dir) throws Exception {
        String xml = Files.readString(Path.of(cib("web-running.xml")));
        // No history: nothing runs.
        Path stopped = dir.resolve("stopped.xml");
        Files.writeString(stopped, xml.replaceAll("(?s)<lrm id=\"1\">.*</lrm>", ""));
        assertTrue(run("status", "-f", stopped.toString()).out().contains("No active resources"));
        assertTrue(run("status", "-f", stopped.toString(), "--inactive").out().contains("web-ip\t(ocf:heartbeat:IPaddr2):\t Stopped"));
    }

    @Test
    void statusRejectsAMissingFileAndABadInterval() throws Exception {
        var r = run("status", "-f", "/nonexistent/cib.xml");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("/nonexistent/cib.xml: no such file"), r.err());
        var bad = run("status", "-f", cib("web-running.xml"), "--watch", "--interval", "0");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--interval must be between 1 and 3600"), bad.err());
    }

    @Test
    void watchRefreshesBoundedTimes() throws Exception {
        var r = run("status", "-f", cib("web-running.xml"), "--watch", "--interval", "1", "--count", "2", "--brief");
        assertEquals(0, r.code(), r.err());
        assertEquals(2, r.out().split("Node List:", -1).length - 1, r.out());
    }

    @Test
    void explainNamesEveryContributionAndWhyOthersLost() throws Exception {
        var r = run("explain", "-f", cib("web-running.xml"), "web");
        assertEquals(0, r.code(), r.err());
        String out = r.out();
        assertTrue(out.contains("Resource web-ip: running on node1, will run on node1"), out);
        assertTrue(out.contains("+50  location constraint web-prefers-node1"), out);
        assertTrue(out.contains("+100  resource-stickiness (it is running here)"), out);
        assertTrue(out.contains("group member web-httpd follows it"), out);
        assertTrue(out.contains("node2: banned (-INFINITY) by location constraint cli-ban-web-on-node2 (left by 'resource ban'"),
                out);
        assertTrue(out.contains("node3: cannot run resources: the node is standby"), out);
        assertTrue(out.contains("Resource web-httpd:"), out);
        assertTrue(out.contains("node2: banned (-INFINITY) by group member: follows web-ip"), out);
    }

    @Test
    void explainFollowsAFailCountToAnotherNode(@TempDir Path dir) throws Exception {
        String xml = Files.readString(Path.of(cib("web-running.xml")))
                .replace("<rsc_location id=\"cli-ban-web-on-node2\" rsc=\"web\" node=\"node2\" score=\"-INFINITY\"/>", "")
                .replace("name=\"resource-stickiness\" value=\"100\"/>",
                        "name=\"resource-stickiness\" value=\"100\"/>"
                                + "<nvpair id=\"rsc-options-mt\" name=\"migration-threshold\" value=\"1\"/>")
                .replace("<node_state id=\"1\" uname=\"node1\" in_ccm=\"true\" crmd=\"online\" join=\"member\" "
                        + "expected=\"member\">", "<node_state id=\"1\" uname=\"node1\" in_ccm=\"true\" crmd=\"online\" "
                        + "join=\"member\" expected=\"member\"><transient_attributes id=\"1\"><instance_attributes "
                        + "id=\"status-1\"><nvpair id=\"status-1-fc\" name=\"fail-count-web-httpd#monitor_10000\" "
                        + "value=\"1\"/></instance_attributes></transient_attributes>");
        Path file = dir.resolve("failed.xml");
        Files.writeString(file, xml);
        var r = run("explain", "-f", file.toString(), "web-httpd");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("will run on node2"), r.out());
        assertTrue(r.out().contains("fail count 1 reached migration-threshold 1"), r.out());
        var t = run("explain", "-f", file.toString(), "--transition");
        assertTrue(t.out().contains("Move web-ip") || t.out().contains("Move web-httpd"), t.out());
    }

    @Test
    void clonesShowTheirInstancesAndRoles(@TempDir Path dir) throws Exception {
        String xml = Files.readString(Path.of(cib("web-running.xml")))
                .replace("<group id=\"web\">", "<clone id=\"web-clone\"><meta_attributes id=\"wc-meta\"><nvpair "
                        + "id=\"wc-p\" name=\"promotable\" value=\"true\"/></meta_attributes><group id=\"web\">")
                .replace("</group>", "</group></clone>")
                .replace("<rsc_location id=\"cli-ban-web-on-node2\" rsc=\"web\" node=\"node2\" score=\"-INFINITY\"/>", "")
                .replace("rsc=\"web\" node=\"node1\"", "rsc=\"web-clone\" node=\"node1\"");
        Path file = dir.resolve("clone.xml");
        Files.writeString(file, xml);
        var r = run("status", "-f", file.toString(), "--inactive");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("* Clone Set: web-clone (promotable):"), r.out());
        assertTrue(r.out().contains("* Resource Group: web:0:"), r.out());
    }

    @Test
    void explainTransitionGivesReasons() throws Exception {
        var r = run("explain", "-f", cib("web-running.xml"), "--transition");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("* Recover web-httpd (node1): it failed on node1 and is recovered"), r.out());
    }

    @Test
    void explainRejectsUnknownResourcesWithASuggestion() throws Exception {
        var r = run("explain", "-f", cib("web-running.xml"), "wbe");
        assertEquals(3, r.code());
        assertTrue(r.err().contains("no resource 'wbe' in the configuration (did you mean 'web'?)"), r.err());
        assertEquals(2, run("explain", "-f", cib("web-running.xml")).code());
    }
}
