package dev.vigil.scheduler;

import static dev.vigil.scheduler.SmallCib.dummy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Changed resource definitions found by comparing the history's digests, as crm_simulate 2.1.5 reacts. */
class DigestsTest {
    private static final String PARAMS = "<instance_attributes id=\"ia\">"
            + "<nvpair id=\"ia-state\" name=\"state\" value=\"/run/new\"/></instance_attributes>";
    private static final String MONITOR = "<operations><op id=\"mon\" name=\"monitor\" interval=\"10s\"/></operations>";

    private static String digestOf(String state) {
        return OperationDigest.of(Map.of("state", state), 0, 20_000);
    }

    /**
     * What a controller records for the graph's actions ({@link OperationDigest#ofGraphAction})
     * must read as unchanged on the next run, or a running cluster would restart for nothing.
     */
    @Test
    void digestsOfTheGraphsOwnActionsReadAsUnchanged() {
        String ops = "<operations><op id=\"start\" name=\"start\" interval=\"0\" timeout=\"45s\"/>"
                + "<op id=\"mon\" name=\"monitor\" interval=\"10s\" timeout=\"33s\">"
                + "<instance_attributes id=\"mon-ia\"><nvpair id=\"mon-depth\" name=\"OCF_CHECK_LEVEL\" value=\"10\"/>"
                + "</instance_attributes></op></operations>";
        String rsc = dummy("rsc1", PARAMS + ops);
        Map<String, String> digests = new java.util.HashMap<>();
        for (var synapse : new SmallCib("node1").resources(rsc).simulate().result().graph().synapses()) {
            var a = synapse.action();
            if ("rsc1".equals(a.resource()) && (a.task().equals("start") || a.intervalMs() > 0)) {
                digests.put(a.task(), OperationDigest.ofGraphAction(a.parameters(), a.intervalMs()));
            }
        }
        assertEquals(Set.of("start", "monitor"), digests.keySet());
        SmallCib ran = new SmallCib("node1").resources(rsc)
                .ran("node1", "rsc1", "start", 0, "op-digest=\"" + digests.get("start") + "\"")
                .ran("node1", "rsc1", "monitor", 10_000, "op-digest=\"" + digests.get("monitor") + "\"");
        assertEquals(List.of(), ran.transitionSummary());
        assertEquals(List.of(), ran.executed());
    }

    @Test
    void aFailCountRecordedWithOldParametersIsClearedAndNoLongerBans() {
        SmallCib cib = new SmallCib("node1").resources(dummy("rsc1", PARAMS))
                .recorded("node1", "rsc1", "monitor", 10_000, 7, 0, "op-digest=\"" + digestOf("/run/old") + "\"")
                .ran("node1", "rsc1", "stop", 0, "op-digest=\"" + digestOf("/run/old") + "\"")
                .nodeAttribute("node1", "fail-count-rsc1#monitor_10000", "INFINITY");
        assertEquals(List.of("* Start rsc1 ( node1 )"), cib.transitionSummary());
        assertTrue(cib.executed().contains("* Cluster action: clear_failcount for rsc1 on node1"), cib.executed().toString());
    }

    @Test
    void anUnchangedDefinitionLeavesTheResourceAlone() {
        SmallCib cib = new SmallCib("node1").resources(dummy("rsc1", PARAMS))
                .ran("node1", "rsc1", "start", 0, "op-digest=\"" + digestOf("/run/new") + "\"");
        assertEquals(List.of(), cib.transitionSummary());
    }

    @Test
    void changedParametersRestartTheResource() {
        SmallCib cib = new SmallCib("node1").resources(dummy("rsc1", PARAMS))
                .ran("node1", "rsc1", "start", 0, "op-digest=\"" + digestOf("/run/old") + "\"");
        assertEquals(List.of("* Restart rsc1 ( node1 ) due to resource definition change"), cib.transitionSummary());
    }

    @Test
    void changedReloadableParametersReloadTheResource() {
        String unchangedRestartDigest = OperationDigest.restart(Map.of("state", "/run/new"), Map.of(), List.of("state"));
        SmallCib cib = new SmallCib("node1").resources(dummy("rsc1", PARAMS + MONITOR))
                .ran("node1", "rsc1", "start", 0, "op-digest=\"" + digestOf("/run/old") + "\" op-force-restart=\" state \""
                        + " op-restart-digest=\"" + unchangedRestartDigest + "\"");
        assertEquals(List.of("* Reload rsc1 ( node1 )"), cib.transitionSummary());
        assertEquals(List.of("* Resource action: rsc1 reload-agent on node1", "* Resource action: rsc1 monitor=10000 on node1"),
                cib.executed());
    }

    @Test
    void aMaskedSecretIsNoChange() {
        String params = "<instance_attributes id=\"ia\"><nvpair id=\"p\" name=\"passwd\" value=\"****\"/></instance_attributes>";
        SmallCib cib = new SmallCib("node1").resources(dummy("rsc1", params))
                .ran("node1", "rsc1", "start", 0, "op-digest=\"" + OperationDigest.of(Map.of("passwd", "secret"), 0, 20_000)
                        + "\" op-secure-params=\" passwd \" op-secure-digest=\"" + OperationDigest.of(Map.of(), 0, 20_000) + "\"");
        assertEquals(List.of(), cib.transitionSummary());
    }

    @Test
    void aChangedMonitorIsScheduledAgain() {
        String monitor = "<operations><op id=\"mon\" name=\"monitor\" interval=\"10s\" timeout=\"30s\"/></operations>";
        SmallCib cib = new SmallCib("node1").resources(dummy("rsc1", monitor))
                .ran("node1", "rsc1", "start", 0, "")
                .ran("node1", "rsc1", "monitor", 10_000, "");
        assertEquals(List.of("* Resource action: rsc1 monitor=10000 on node1"), cib.executed());
    }

    @Test
    void aMonitorNoLongerConfiguredIsCancelled() {
        SmallCib cib = new SmallCib("node1").resources(dummy("rsc1"))
                .ran("node1", "rsc1", "start", 0, "")
                .ran("node1", "rsc1", "monitor", 20_000, "");
        assertEquals(List.of("* Resource action: rsc1 cancel=20000 on node1"), cib.executed());
    }

    @Test
    void aFailureRecordedWithOldParametersHasItsFailCountCleared() {
        SmallCib cib = new SmallCib("node1").resources(dummy("rsc1", MONITOR))
                .ran("node1", "rsc1", "start", 0, "")
                .ran("node1", "rsc1", "monitor", 10_000, "")
                .recorded("node1", "rsc1", "monitor", 10_000, 1, 0, "op-digest=\"0123\"")
                .nodeAttribute("node1", "fail-count-rsc1#monitor_10000", "1");
        assertTrue(cib.executed().contains("* Cluster action: clear_failcount for rsc1 on node1"));
    }
}
