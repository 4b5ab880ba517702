package dev.vigil.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.controller.status.CibStatus;
import dev.vigil.model.cib.Cib;
import dev.vigil.model.cib.Node;
import dev.vigil.model.cib.NvPair;
import dev.vigil.model.cib.NvSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Failure handling end to end with real controller cores and the real scheduler on simulated
 * nodes: each test scripts one situation and checks what really ran where, in which order.
 * Safety (never active on two nodes) is checked after every simulated event throughout.
 */
class ScenarioTest {
    private static final String FENCING = "<nvpair id='o1' name='stonith-enabled' value='true'/>";
    private static final String FENCE_DEVICE = "<primitive id='fence' class='stonith' type='fence_sim'>"
            + "<operations><op id='fence-mon' name='monitor' interval='10s'/></operations></primitive>";

    private static String dummy(String id, String meta) {
        return "<primitive id='" + id + "' class='ocf' provider='vigil' type='Dummy'>"
                + (meta.isEmpty() ? "" : "<meta_attributes id='" + id + "-meta'>" + meta + "</meta_attributes>")
                + "<operations><op id='" + id + "-mon' name='monitor' interval='2s' timeout='5s'/>"
                + "<op id='" + id + "-start' name='start' interval='0' timeout='5s'/></operations></primitive>";
    }

    private static String group(String... members) {
        StringBuilder b = new StringBuilder("<group id='g'>");
        for (String m : members) {
            b.append(dummy(m, ""));
        }
        return b.append("</group>").toString();
    }

    private static String prefer(String rsc, String node) {
        return "<rsc_location id='prefer-" + rsc + "' rsc='" + rsc + "' node='" + node + "' score='100'/>";
    }

    private static Simulation sim(int nodes, String properties, String resources, String constraints, String defaults) {
        Simulation s = new Simulation(7, Scenarios.scripted(nodes, properties, resources, constraints, defaults));
        s.start();
        s.runFor(Duration.ofSeconds(5));
        return s;
    }

    private static String onlyNode(Simulation s, String rsc) {
        List<String> on = s.runningOn(rsc);
        assertEquals(1, on.size(), rsc + " should run on exactly one node, runs on " + on);
        return on.get(0);
    }

    /** The physical operations from index {@code from} on. */
    private static List<String> opsSince(Simulation s, int from) {
        List<String> all = s.physicalOperations();
        return all.subList(from, all.size());
    }

    private static int failCount(Simulation s, String node, String rsc) {
        int total = 0;
        String dc = s.dcSeenBy(node) == null ? node : s.dcSeenBy(node);
        for (Map.Entry<String, String> e : CibStatus.transientAttributes(CibStatus.node(s.cib(dc), node)).entrySet()) {
            if (e.getKey().startsWith("fail-count-" + rsc + "#")) {
                total += e.getValue().equals("INFINITY") ? 1_000_000 : Integer.parseInt(e.getValue());
            }
        }
        return total;
    }

    private static Cib withNodeAttribute(Cib cib, String node, String name, String value) {
        List<Node> nodes = new ArrayList<>();
        for (Node n : cib.configuration().nodes()) {
            if (n.uname().equals(node)) {
                n = new Node(n.id(), n.uname(), n.type(), n.description(), n.score(),
                        List.of(NvSet.of("nodes-" + n.id(), List.of(NvPair.of("nodes-" + n.id() + "-" + name, name, value)))),
                        n.utilization());
            }
            nodes.add(n);
        }
        return cib.withConfiguration(cib.configuration().withNodes(nodes));
    }

    private static Cib withProperty(Cib cib, String name, String value) {
        List<NvSet> sets = new ArrayList<>(cib.configuration().clusterProperties());
        NvSet first = sets.get(0);
        List<NvPair> pairs = new ArrayList<>(first.pairs());
        pairs.removeIf(p -> name.equals(p.name()));
        pairs.add(NvPair.of("opt-" + name, name, value));
        sets.set(0, new NvSet(first.id(), first.idRef(), first.score(), first.rules(), pairs));
        return cib.withConfiguration(cib.configuration().withClusterProperties(sets));
    }

    @Test
    void aGroupStartsInOrderAndAfterItsNodeCrashesIsFencedThenStartsInOrderOnASurvivor() {
        Simulation s = sim(3, FENCING, FENCE_DEVICE + group("a", "b", "c"), "",
                "<nvpair id='stick' name='resource-stickiness' value='100'/>");
        s.rebootFencedNodes(false);
        String first = onlyNode(s, "a");
        assertEquals(first, onlyNode(s, "b"));
        assertEquals(first, onlyNode(s, "c"));
        List<String> starts = s.physicalOperations().stream().filter(l -> l.contains(" start ") && !l.endsWith(" fence"))
                .toList();
        assertEquals(List.of(first + " start a", first + " start b", first + " start c"), starts);

        int mark = s.physicalOperations().size();
        s.crash(first);
        s.runFor(Duration.ofSeconds(5));
        String survivor = onlyNode(s, "a");
        assertFalse(survivor.equals(first));
        List<String> after = opsSince(s, mark).stream().filter(l -> !l.endsWith(" fence")).toList();
        assertTrue(after.get(0).endsWith("fenced " + first), "fencing comes first: " + after);
        assertEquals(List.of(survivor + " start a", survivor + " start b", survivor + " start c"),
                after.subList(1, after.size()));
        assertEquals(1, s.fencings());
    }

    @Test
    void aMonitorFailureRestartsInPlaceAndAfterMigrationThresholdFailuresMoves() {
        Simulation s = sim(3, FENCING, FENCE_DEVICE + dummy("d", ""), "",
                "<nvpair id='mt' name='migration-threshold' value='2'/>"
                        + "<nvpair id='stick' name='resource-stickiness' value='100'/>");
        String home = onlyNode(s, "d");
        int mark = s.physicalOperations().size();
        s.killResource(home, "d");
        s.runFor(Duration.ofSeconds(5));
        assertEquals(home, onlyNode(s, "d"), "restarted in place");
        assertEquals(List.of(home + " stop d", home + " start d"), opsSince(s, mark));
        assertEquals(1, failCount(s, home, "d"));

        mark = s.physicalOperations().size();
        s.killResource(home, "d");
        s.runFor(Duration.ofSeconds(5));
        String moved = onlyNode(s, "d");
        assertFalse(moved.equals(home), "moved away after the second failure");
        assertEquals(List.of(home + " stop d", moved + " start d"), opsSince(s, mark));
        assertEquals(0, s.fencings());
    }

    @Test
    void aFailedStartIsFatalOnThatNodeUntilCleanup() {
        Simulation s = new Simulation(3, Scenarios.scripted(3, FENCING, FENCE_DEVICE + dummy("d", ""),
                prefer("d", "node1"), ""));
        s.failNextStart("node1", "d");
        s.start();
        s.runFor(Duration.ofSeconds(6));
        assertEquals("node2".equals(onlyNode(s, "d")) || "node3".equals(onlyNode(s, "d")), true);
        assertEquals(1_000_000, failCount(s, "node1", "d"), "start-failure-is-fatal");

        s.cleanup("node2", "d");
        s.runFor(Duration.ofSeconds(5));
        assertEquals("node1", onlyNode(s, "d"), "back on its preferred node after the cleanup");
        assertEquals(0, failCount(s, "node1", "d"));
    }

    @Test
    void aHungStartTimesOutAndTheResourceRecoversElsewhere() {
        Simulation s = new Simulation(5, Scenarios.scripted(3, FENCING, FENCE_DEVICE + dummy("d", ""),
                prefer("d", "node1"), ""));
        s.hangNext("node1", "d", "start");
        s.start();
        s.runFor(Duration.ofSeconds(4));
        assertTrue(s.runningOn("d").isEmpty() || s.runningOn("d").equals(List.of("node1")),
                "nothing else starts it while the start hangs: " + s.runningOn("d"));
        s.runFor(Duration.ofSeconds(8));
        String now = onlyNode(s, "d");
        assertFalse(now.equals("node1"), "recovered away from the node where the start timed out");
        assertTrue(failCount(s, "node1", "d") > 0);
    }

    @Test
    void aHungMonitorTimesOutAndTheResourceIsRecovered() {
        Simulation s = sim(3, FENCING, FENCE_DEVICE + dummy("d", ""), prefer("d", "node1"), "");
        assertEquals("node1", onlyNode(s, "d"));
        s.hangNext("node1", "d", "monitor");
        int mark = s.physicalOperations().size();
        s.runFor(Duration.ofSeconds(12));
        assertEquals("node1", onlyNode(s, "d"));
        assertEquals(List.of("node1 stop d", "node1 start d"), opsSince(s, mark), "recovered in place");
        assertEquals(1, failCount(s, "node1", "d"));
    }

    @Test
    void withoutFencingALostNodesResourcesRecoverWithoutWaiting() {
        Simulation s = sim(3, "<nvpair id='o1' name='stonith-enabled' value='false'/>", group("a", "b"), "",
                "<nvpair id='stick' name='resource-stickiness' value='100'/>");
        String first = onlyNode(s, "a");
        s.crash(first);
        s.runFor(Duration.ofSeconds(3));
        String survivor = onlyNode(s, "a");
        assertEquals(survivor, onlyNode(s, "b"));
        assertFalse(survivor.equals(first));
        assertEquals(0, s.fencings());
    }

    @Test
    void standbyMovesResourcesAwayAndMaintenanceModeLeavesThemAlone() {
        Simulation s = sim(3, FENCING, FENCE_DEVICE + dummy("d", ""), prefer("d", "node1"), "");
        assertEquals("node1", onlyNode(s, "d"));
        s.changeConfiguration("maintenance-mode", cib -> withProperty(cib, "maintenance-mode", "true"));
        s.runFor(Duration.ofSeconds(3));
        s.changeConfiguration("standby node1", cib -> withNodeAttribute(cib, "node1", "standby", "on"));
        s.runFor(Duration.ofSeconds(3));
        assertEquals("node1", onlyNode(s, "d"), "maintenance mode: nothing is moved");
        s.changeConfiguration("no maintenance", cib -> withProperty(cib, "maintenance-mode", "false"));
        s.runFor(Duration.ofSeconds(3));
        assertFalse(onlyNode(s, "d").equals("node1"), "standby: moved away");
        s.changeConfiguration("online node1", cib -> withNodeAttribute(cib, "node1", "standby", "off"));
        s.runFor(Duration.ofSeconds(3));
        assertEquals("node1", onlyNode(s, "d"), "back where it prefers to run");
    }

    @Test
    void aGracefulShutdownMovesResourcesAwayBeforeTheNodeLeavesAndNobodyIsFenced() {
        Simulation s = sim(3, FENCING, FENCE_DEVICE + group("a", "b"), "",
                "<nvpair id='stick' name='resource-stickiness' value='100'/>");
        String home = onlyNode(s, "a");
        int mark = s.physicalOperations().size();
        s.gracefulShutdown(home);
        s.runFor(Duration.ofSeconds(4));
        String moved = onlyNode(s, "a");
        assertFalse(moved.equals(home));
        assertEquals(List.of(home + " stop b", home + " stop a", moved + " start a", moved + " start b"),
                opsSince(s, mark).stream().filter(l -> !l.endsWith(" fence")).toList());
        assertEquals(0, s.fencings());
    }

    @Test
    void failureTimeoutLetsAResourceReturnWhereItFailed() {
        Simulation s = sim(3, FENCING, FENCE_DEVICE + dummy("d", ""), prefer("d", "node1"),
                "<nvpair id='mt' name='migration-threshold' value='1'/>"
                        + "<nvpair id='ft' name='failure-timeout' value='20s'/>");
        assertEquals("node1", onlyNode(s, "d"));
        s.killResource("node1", "d");
        s.runFor(Duration.ofSeconds(4));
        assertFalse(onlyNode(s, "d").equals("node1"), "banned from node1 after one failure");
        s.runFor(Duration.ofSeconds(25));
        assertEquals("node1", onlyNode(s, "d"), "the failure expired: back on node1");
        assertEquals(0, failCount(s, "node1", "d"));
    }

    @Test
    void onFailStopLeavesAFailedResourceStopped() {
        String d = "<primitive id='d' class='ocf' provider='vigil' type='Dummy'><operations>"
                + "<op id='d-mon' name='monitor' interval='2s' on-fail='stop'/></operations></primitive>";
        Simulation s = sim(3, FENCING, FENCE_DEVICE + d, "", "");
        String home = onlyNode(s, "d");
        s.killResource(home, "d");
        s.runFor(Duration.ofSeconds(6));
        assertEquals(List.of(), s.runningOn("d"));
    }

    @Test
    void onFailFenceFencesTheNodeAndRecoversElsewhere() {
        String d = "<primitive id='d' class='ocf' provider='vigil' type='Dummy'><operations>"
                + "<op id='d-mon' name='monitor' interval='2s' on-fail='fence'/></operations></primitive>";
        Simulation s = sim(3, FENCING, FENCE_DEVICE + d, "", "");
        s.rebootFencedNodes(false);
        String home = onlyNode(s, "d");
        s.killResource(home, "d");
        s.runFor(Duration.ofSeconds(6));
        assertEquals(1, s.fencings());
        assertFalse(onlyNode(s, "d").equals(home));
    }

    @Test
    void anAdminFencesAnIdleNodeThroughTheDcAndHearsTheResult() {
        Simulation s = sim(3, FENCING, FENCE_DEVICE + dummy("d", ""), prefer("d", "node1"), "");
        s.rebootFencedNodes(false);
        String dc = s.dcSeenBy("node1");
        String home = onlyNode(s, "d");
        List<String> others = new ArrayList<>(List.of("node1", "node2", "node3"));
        others.remove(dc);
        String target = others.contains("node3") && !home.equals("node3") ? "node3" : others.get(1);
        others.remove(target);
        String asker = others.get(0);

        long unknown = s.fence(asker, "node9", "reboot");
        long theDc = s.fence(asker, dc, "reboot");
        long itself = s.fence(target, target, "reboot");
        s.runFor(Duration.ofSeconds(2));
        assertTrue(s.fenceAnswers().get(unknown).message().contains("no node named 'node9'"));
        assertTrue(s.fenceAnswers().get(theDc).message().contains("is the DC"));
        assertTrue(s.fenceAnswers().get(itself).message().contains("cannot fence itself"));
        assertEquals(0, s.fencings(), "refused requests fence nobody");

        long id = s.fence(asker, target, "off");
        s.runFor(Duration.ofSeconds(5));
        assertTrue(s.fenceAnswers().get(id).success(), "answer: " + s.fenceAnswers().get(id));
        assertEquals(1, s.fencings());
        assertTrue(s.fencingHistory(asker).stream().anyMatch(r -> r.target().equals(target) && r.success()
                && r.action().equals("off")), "the asker's history has it: " + s.fencingHistory(asker));
        assertEquals("false", s.cib(dc).status().nodes().stream().filter(n -> target.equals(n.uname())).findFirst()
                .orElseThrow().attributes().get("in_ccm"), "the DC recorded the node as fenced");
        assertEquals(home, onlyNode(s, "d"), "fencing an idle node moves nothing");
    }

    @Test
    void theDcsOwnCrashIsHandledByTheNextDc() {
        Simulation s = sim(3, FENCING, FENCE_DEVICE + dummy("d", ""), "", "");
        String dc = s.dcSeenBy("node1");
        s.changeConfiguration("d on the DC", cib -> cib.withConfiguration(cib.configuration().withConstraints(
                List.of(new dev.vigil.model.cib.LocationConstraint("on-dc", "d", null, null, dc, "100", null,
                        List.of(), List.of())))));
        s.runFor(Duration.ofSeconds(3));
        assertEquals(dc, onlyNode(s, "d"));
        s.rebootFencedNodes(false);
        s.crash(dc);
        s.runFor(Duration.ofSeconds(5));
        String next = s.dcSeenBy(dc.equals("node1") ? "node2" : "node1");
        assertFalse(dc.equals(next));
        assertFalse(onlyNode(s, "d").equals(dc));
        assertEquals(1, s.fencings());
    }

    @Test
    void inATwoNodeSplitPriorityFencingDelayLetsTheNodeWithTheServiceWin() {
        Simulation s = sim(2, FENCING + "<nvpair id='pfd' name='priority-fencing-delay' value='5s'/>",
                FENCE_DEVICE + dummy("d", "<nvpair id='d-prio' name='priority' value='10'/>"), prefer("d", "node2"),
                "");
        s.rebootFencedNodes(false);
        assertEquals("node2", onlyNode(s, "d"));
        s.partition(Set.of("node1"));
        s.runFor(Duration.ofSeconds(10));
        assertEquals(1, s.fencings(), "only one side fenced");
        assertEquals("node2", onlyNode(s, "d"), "the side with the service survived");
        assertTrue(s.physicalOperations().contains("node2 fenced node1"));
    }

    @Test
    void aResourceFoundActiveTwiceIsStoppedAndStartedOnce() {
        Simulation s = sim(3, "<nvpair id='o1' name='stonith-enabled' value='false'/>", dummy("d", ""), "",
                "<nvpair id='stick' name='resource-stickiness' value='100'/>");
        s.checkDoubleActive(false);
        String home = onlyNode(s, "d");
        s.killController(home);
        s.runFor(Duration.ofSeconds(3));
        assertEquals(2, s.runningOn("d").size(), "without fencing the lost node still runs it");
        s.restartController(home);
        s.runFor(Duration.ofSeconds(5));
        onlyNode(s, "d");
    }
}
