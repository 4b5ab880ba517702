package dev.vigil.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.cib.CibXml;
import dev.vigil.model.cib.Cib;
import dev.vigil.model.graph.Synapse;
import dev.vigil.model.graph.TransitionGraph;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Properties that must hold for every input of the corpus, whatever the conformance: the
 * scheduler is deterministic, its graph is acyclic and only refers to its own actions, nothing
 * is started on a node that is not online, and executing the graph then scheduling again
 * leaves nothing more to do for the simple cases (convergence).
 */
class SchedulerPropertiesTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private static List<Path> inputs() throws IOException {
        try (Stream<Path> s = Files.list(ConformanceTest.corpus().resolve("xml"))) {
            return s.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
    }

    @Test
    void sameInputGivesTheSameBytes() throws IOException {
        for (Path input : inputs()) {
            Cib cib = CibXml.read(input);
            var first = CrmSimulate.run(ClusterSnapshot.at(cib, NOW));
            var second = CrmSimulate.run(ClusterSnapshot.at(CibXml.read(input), NOW));
            assertEquals(first.summary(), second.summary(), input.getFileName().toString());
            assertEquals(first.scores(), second.scores(), input.getFileName().toString());
            assertEquals(first.result().graph(), second.result().graph(), input.getFileName().toString());
        }
    }

    @Test
    void graphsAreAcyclicAndClosed() throws IOException {
        for (Path input : inputs()) {
            TransitionGraph g = Scheduler.schedule(ClusterSnapshot.at(CibXml.read(input), NOW)).graph();
            Map<Integer, Synapse> byAction = new HashMap<>();
            for (Synapse s : g.synapses()) {
                byAction.put(s.action().id(), s);
            }
            for (Synapse s : g.synapses()) {
                for (int in : s.inputs()) {
                    assertTrue(byAction.containsKey(in), input.getFileName() + ": input " + in + " is not in the graph");
                }
            }
            // Every action fires when the graph is executed: no cycle holds anything back.
            assertEquals(g.synapses().size(), GraphSimulator.fireOrder(g).size(),
                    input.getFileName() + ": some actions never become ready (a cycle)");
        }
    }

    @Test
    void nothingStartsOnANodeThatIsNotOnline() throws IOException {
        for (Path input : inputs()) {
            Cluster cluster = Scheduler.run(ClusterSnapshot.at(CibXml.read(input), NOW));
            for (Action a : cluster.actions) {
                if (a.rsc == null || a.node == null || a.pseudo || !GraphBuilder.shouldAdd(a)) {
                    continue;
                }
                if (a.task.equals("start") || a.task.equals("promote")) {
                    assertTrue(a.node.online && !a.node.unclean || a.node.isGuest(),
                            input.getFileName() + ": " + a + " on a node that cannot run it");
                }
            }
        }
    }

    @Test
    void simpleClustersConvergeWithinThreeTransitions() throws IOException {
        List<String> notConverged = new ArrayList<>();
        int checked = 0;
        for (Path input : inputs()) {
            Set<String> categories = CorpusCategories.of(input);
            if (!categories.contains("primitives-only") || categories.contains("failed-ops")
                    || categories.contains("fencing-device") || categories.contains("migration")) {
                continue;
            }
            checked++;
            Cib cib = CibXml.read(input);
            Set<String> changes = Set.of();
            for (int round = 0; round < 3; round++) {
                var report = CrmSimulate.run(ClusterSnapshot.at(cib, NOW));
                cib = report.revised();
                changes = resourceChanges(Scheduler.schedule(ClusterSnapshot.at(cib, NOW)));
                if (changes.isEmpty()) {
                    break;
                }
            }
            if (!changes.isEmpty()) {
                notConverged.add(input.getFileName() + " " + changes);
            }
        }
        assertTrue(checked > 50, "expected simple cases in the corpus");
        assertEquals(List.of(), notConverged);
    }

    /** Planned resource changes that are not blocked (node actions such as shutdown aside). */
    private static Set<String> resourceChanges(SchedulerResult result) {
        Set<String> changes = new HashSet<>();
        for (PlannedChange c : result.changes()) {
            if (!c.nodeAction() && !c.reason().contains("blocked")) {
                changes.add(c.change() + " " + c.subject());
            }
        }
        return changes;
    }
}
