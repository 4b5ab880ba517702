package dev.vigil.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.cib.CibXml;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Clone behaviour through the public API, on small CIBs: instance placement and numbering,
 * limits per node, promotion, notifications and the status display.
 */
class CloneSchedulingTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    /** A CIB with online nodes, resources, constraints and per-node history / attributes. */
    private static final class CibBuilder {
        private final List<String> nodes = new ArrayList<>();
        private final StringBuilder resources = new StringBuilder();
        private final StringBuilder constraints = new StringBuilder();
        private final StringBuilder history = new StringBuilder();
        private int callId = 10;

        CibBuilder nodes(String... names) {
            nodes.addAll(List.of(names));
            return this;
        }

        CibBuilder resource(String xml) {
            resources.append(xml);
            return this;
        }

        CibBuilder constraint(String xml) {
            constraints.append(xml);
            return this;
        }

        /** A successful operation of {@code rsc} on {@code node} (rc 7 for a probe that found it stopped). */
        CibBuilder op(String node, String rsc, String task, int rc) {
            history.append(node).append('|').append(rsc).append('|').append(task).append('|').append(rc)
                    .append('|').append(callId++).append('\n');
            return this;
        }

        String xml(String... nodeAttributes) {
            StringBuilder s = new StringBuilder("<cib epoch=\"1\" num_updates=\"1\" admin_epoch=\"0\" "
                    + "validate-with=\"pacemaker-3.7\" have-quorum=\"1\"><configuration><crm_config>"
                    + "<cluster_property_set id=\"o\"><nvpair id=\"o1\" name=\"stonith-enabled\" value=\"false\"/>"
                    + "</cluster_property_set></crm_config><nodes>");
            for (String n : nodes) {
                s.append("<node id=\"").append(n).append("\" uname=\"").append(n).append("\"/>");
            }
            s.append("</nodes><resources>").append(resources).append("</resources><constraints>")
                    .append(constraints).append("</constraints></configuration><status>");
            for (String n : nodes) {
                s.append("<node_state id=\"").append(n).append("\" uname=\"").append(n)
                        .append("\" in_ccm=\"true\" crmd=\"online\" join=\"member\" expected=\"member\">");
                s.append("<transient_attributes id=\"t-").append(n).append("\"><instance_attributes id=\"ta-")
                        .append(n).append("\">");
                for (String a : nodeAttributes) {
                    String[] p = a.split("=");
                    if (p[0].equals(n)) {
                        s.append("<nvpair id=\"").append(n).append('-').append(p[1]).append("\" name=\"")
                                .append(p[1]).append("\" value=\"").append(p[2]).append("\"/>");
                    }
                }
                s.append("</instance_attributes></transient_attributes><lrm id=\"l-").append(n)
                        .append("\"><lrm_resources>");
                Map<String, StringBuilder> ops = new LinkedHashMap<>();
                for (String line : history.toString().split("\n")) {
                    String[] p = line.split("\\|");
                    if (p.length == 5 && p[0].equals(n)) {
                        ops.computeIfAbsent(p[1], k -> new StringBuilder()).append("<lrm_rsc_op id=\"").append(p[1])
                                .append('_').append(p[2]).append("\" operation=\"").append(p[2])
                                .append("\" interval=\"0\" op-status=\"0\" rc-code=\"").append(p[3])
                                .append("\" call-id=\"").append(p[4]).append("\" transition-key=\"1:1:")
                                .append(p[3]).append(":x\"/>");
                    }
                }
                ops.forEach((rsc, entries) -> s.append("<lrm_resource id=\"").append(rsc)
                        .append("\" class=\"ocf\" provider=\"pacemaker\" type=\"Stateful\">").append(entries)
                        .append("</lrm_resource>"));
                s.append("</lrm_resources></lrm></node_state>");
            }
            return s.append("</status></cib>").toString();
        }
    }

    private static String clone(String id, String child, String... meta) {
        StringBuilder m = new StringBuilder();
        for (int i = 0; i < meta.length; i++) {
            String[] p = meta[i].split("=");
            m.append("<nvpair id=\"").append(id).append("-m").append(i).append("\" name=\"").append(p[0])
                    .append("\" value=\"").append(p[1]).append("\"/>");
        }
        return "<clone id=\"" + id + "\"><primitive id=\"" + child
                + "\" class=\"ocf\" provider=\"pacemaker\" type=\"Stateful\"/><meta_attributes id=\"" + id + "-meta\">"
                + m + "</meta_attributes></clone>";
    }

    private static CrmSimulate.Report simulate(String xml) {
        return CrmSimulate.run(ClusterSnapshot.at(CibXml.parse(xml), NOW));
    }

    private static List<String> changes(CrmSimulate.Report report) {
        List<String> out = new ArrayList<>();
        for (PlannedChange c : report.result().changes()) {
            out.add(c.change() + " " + c.subject() + " " + c.details().trim());
        }
        return out;
    }

    @Test
    void instancesSpreadOverNodesUpToCloneMax() {
        String xml = new CibBuilder().nodes("n1", "n2", "n3").resource(clone("c", "r", "clone-max=2")).xml();
        CrmSimulate.Report report = simulate(xml);
        assertEquals(List.of("Start r:0 n1", "Start r:1 n2"), changes(report));
        assertTrue(report.scores().contains("pcmk__primitive_assign: r:1 allocation score on n1: -INFINITY"),
                "a node already holding clone-node-max instances is ruled out: " + report.scores());
    }

    @Test
    void anonymousHistoryIsMatchedToInstancesInStatusOrder() {
        // n1's history runs under the name r:1, but it is the first instance found: it becomes r:0.
        String xml = new CibBuilder().nodes("n1", "n2").resource(clone("c", "r"))
                .op("n1", "r:1", "start", 0).op("n2", "r:0", "start", 0)
                .constraint("<rsc_location id=\"ban\" rsc=\"c\" node=\"n1\" score=\"-INFINITY\"/>").xml();
        CrmSimulate.Report report = simulate(xml);
        assertEquals(List.of("Stop r:0 n1"), changes(report));
        assertTrue(report.summary().contains("Resource action: r:1             stop on n1"),
                "the action is reported under the history's name: " + report.summary());
    }

    @Test
    void theInstanceWithTheHighestPromotionScoreIsPromoted() {
        String xml = new CibBuilder().nodes("n1", "n2").resource(clone("ms", "s", "promotable=true"))
                .op("n1", "s", "start", 0).op("n2", "s", "start", 0)
                .xml("n1=master-s=5", "n2=master-s=10");
        CrmSimulate.Report report = simulate(xml);
        assertEquals(List.of("Promote s:1 Unpromoted -> Promoted n2"), changes(report));
        assertTrue(report.scores().contains("s:1 promotion score on n2: 10"), report.scores().toString());
        assertTrue(report.scores().contains("s:0 promotion score on n1: 5"), report.scores().toString());
    }

    @Test
    void promotedMaxAndPromotedNodeMaxLimitPromotion() {
        String xml = new CibBuilder().nodes("n1", "n2")
                .resource(clone("ms", "s", "promotable=true", "globally-unique=true", "clone-max=4",
                        "clone-node-max=2", "promoted-max=2", "promoted-node-max=1"))
                .constraint("<rsc_location id=\"p\" rsc=\"ms\" role=\"Promoted\" node=\"n1\" score=\"100\"/>").xml();
        List<String> changes = changes(simulate(xml));
        long promotions = changes.stream().filter(c -> c.startsWith("Promote")).count();
        assertEquals(1, promotions, "only one instance may be promoted on n1, and n2's score is negative: "
                + changes);
    }

    @Test
    void notificationsBracketTheClonesOperations() {
        String xml = new CibBuilder().nodes("n1", "n2").resource(clone("c", "r", "notify=true"))
                .op("n1", "r", "start", 0).xml();
        String summary = simulate(xml).summary();
        List<String> order = new ArrayList<>();
        for (String line : summary.split("\n")) {
            if (line.contains("notify") || line.contains("_start_0") || line.contains("_running_0")
                    || line.contains(" start on")) {
                order.add(line.trim());
            }
        }
        assertEquals(List.of(
                "* Pseudo action:   c_pre_notify_start_0",
                "* Resource action: r               notify on n1",
                "* Pseudo action:   c_confirmed-pre_notify_start_0",
                "* Pseudo action:   c_start_0",
                "* Resource action: r               start on n2",
                "* Pseudo action:   c_running_0",
                "* Pseudo action:   c_post_notify_running_0",
                "* Resource action: r               notify on n1",
                "* Resource action: r               notify on n2",
                "* Pseudo action:   c_confirmed-post_notify_running_0"), order);
    }

    @Test
    void aStopImpliedByFencingIsNotifiedOnceTheNodeIsFenced() {
        String fencing = "<primitive id=\"fence\" class=\"stonith\" type=\"fence_dummy\"/>";
        String xml = new CibBuilder().nodes("n1", "n2").resource(fencing).resource(clone("c", "r", "notify=true"))
                .op("n1", "fence", "start", 0).op("n1", "r", "start", 0).op("n2", "r", "start", 0).xml()
                .replace("name=\"stonith-enabled\" value=\"false\"", "name=\"stonith-enabled\" value=\"true\"")
                .replace("uname=\"n2\" in_ccm=\"true\" crmd=\"online\"", "uname=\"n2\" in_ccm=\"false\" crmd=\"offline\"");
        String summary = simulate(xml).summary();
        List<String> order = new ArrayList<>();
        for (String line : summary.split("\n")) {
            if (line.contains("Fencing n2") || line.contains("r_") || line.contains("notify on")) {
                order.add(line.trim());
            }
        }
        // The instance on n2 runs under the history's name, r.
        assertEquals(List.of(
                "* Fencing n2 (reboot)",
                "* Resource action: r               notify on n1",
                "* Pseudo action:   r_post_notify_stop_0",
                "* Pseudo action:   r_stop_0",
                "* Resource action: r               notify on n1",
                "* Pseudo action:   r_notified_0"), order, summary);
    }

    @Test
    void anInterleavedInstanceWithoutPartnerStopsWhenItsOrderingIsPropagated() {
        // Same agent as the builder's history, so the history is d's own (no definition change).
        String dummy = "<primitive id=\"d\" class=\"ocf\" provider=\"pacemaker\" type=\"Stateful\"/>";
        CibBuilder cib = new CibBuilder().nodes("n1", "n2").resource(dummy)
                .resource(clone("c1", "r1", "interleave=true")).resource(clone("c2", "r2", "interleave=true"))
                .constraint("<rsc_order id=\"o1\" first=\"c1\" then=\"c2\"/>")
                .constraint("<rsc_order id=\"o2\" first=\"c2\" then=\"d\"/>")
                .constraint("<rsc_location id=\"ban\" rsc=\"c1\" node=\"n1\" score=\"-INFINITY\"/>")
                .op("n1", "d", "start", 0);
        for (String node : List.of("n1", "n2")) {
            cib.op(node, "r1", "start", 0).op(node, "r2", "start", 0);
        }
        String summary = simulate(cib.xml()).summary();
        // r2 on n1 loses its partner while c1's start is propagated to c2's: c2's instances
        // are re-evaluated first, so d restarts because of c2's completed start, not its own stop.
        String oneSpaced = summary.replaceAll(" +", " ");
        assertTrue(oneSpaced.contains("* Stop r2:0 ( n1 )\n"), summary);
        assertTrue(oneSpaced.contains("* Restart d ( n1 ) due to required c2 running\n"), summary);
    }

    @Test
    void anonymousClonesAreSummarisedByRole() {
        String xml = new CibBuilder().nodes("n1", "n2", "n3").resource(clone("ms", "s", "promotable=true"))
                .op("n1", "s", "start", 0).op("n1", "s", "promote", 0).op("n2", "s", "start", 0).xml();
        String summary = simulate(xml).summary();
        assertTrue(summary.contains("    * Clone Set: ms [s] (promotable):\n"
                + "      * Promoted: [ n1 ]\n"
                + "      * Unpromoted: [ n2 ]\n"
                + "      * Stopped: [ n3 ]\n"), summary);
    }

    @Test
    void dependentsSteerInstancesOnlyWhenTheCloneCannotCoverEveryNode() {
        String dependent = "<primitive id=\"d\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\"/>";
        String constraints = "<rsc_location id=\"ban\" rsc=\"d\" node=\"n3\" score=\"-200\"/>"
                + "<rsc_colocation id=\"col\" rsc=\"d\" with-rsc=\"c\" score=\"INFINITY\"/>";
        String fewer = new CibBuilder().nodes("n1", "n2", "n3").resource(clone("c", "r", "clone-max=2"))
                .resource(dependent).constraint(constraints).xml();
        assertTrue(simulate(fewer).scores().contains("pcmk__primitive_assign: r:0 allocation score on n3: -200"),
                "with two instances for three nodes, the dependent's dislike of n3 counts");
        String everywhere = new CibBuilder().nodes("n1", "n2", "n3").resource(clone("c", "r", "clone-max=3"))
                .resource(dependent).constraint(constraints).xml();
        assertTrue(simulate(everywhere).scores().contains("pcmk__primitive_assign: r:0 allocation score on n3: 0"),
                "with an instance for every node, it does not");
    }
}
