package dev.vigil.controller.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.model.graph.ActionType;
import dev.vigil.model.graph.GraphAction;
import dev.vigil.model.graph.Synapse;
import dev.vigil.model.graph.TransitionGraph;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransitionRunTest {
    private static Synapse synapse(int id, ActionType type, String key, Integer... inputs) {
        return new Synapse(id, 0, new GraphAction(id, type, key, key, "r", 0, type == ActionType.PSEUDO ? null : "n1",
                Map.of()), List.of(inputs));
    }

    /** a, b independent; g (pseudo) after both; c after g. */
    private static TransitionGraph graph() {
        return new TransitionGraph(Map.of(), List.of(
                synapse(1, ActionType.RESOURCE, "a"),
                synapse(2, ActionType.RESOURCE, "b"),
                synapse(3, ActionType.PSEUDO, "g", 1, 2),
                synapse(4, ActionType.RESOURCE, "c", 3)));
    }

    private static List<String> keys(List<GraphAction> actions) {
        return actions.stream().map(GraphAction::key).toList();
    }

    @Test
    void actionsFireInDependencyOrderWithinTheBatchLimit() {
        TransitionRun run = new TransitionRun(1, graph(), 1);
        assertEquals(List.of("a"), keys(run.takeReady()));
        assertEquals(List.of(), keys(run.takeReady()), "b waits for the batch limit");
        assertTrue(run.finish(1, false));
        assertEquals(List.of("b"), keys(run.takeReady()));
        run.finish(2, false);
        assertEquals(List.of("g"), keys(run.takeReady()), "the pseudo action is ready once both are confirmed");
        run.finish(3, false);
        assertEquals(List.of("c"), keys(run.takeReady()));
        assertFalse(run.isComplete());
        run.finish(4, false);
        assertTrue(run.isComplete());
        assertFalse(run.anyFailed());
        assertFalse(run.finish(4, false), "a repeated answer is ignored");
    }

    @Test
    void anAbortStopsFiringAndCompletesWhenNothingRuns() {
        TransitionRun run = new TransitionRun(2, graph(), 10);
        assertEquals(List.of("a", "b"), keys(run.takeReady()));
        run.finish(1, true);
        run.abort("a failed");
        run.abort("later reason");
        assertEquals("a failed", run.abortReason());
        assertFalse(run.isComplete(), "b still runs");
        run.finish(2, false);
        assertTrue(run.isComplete());
        assertEquals(List.of(), keys(run.takeReady()));
        assertEquals("4 actions: 1 confirmed, 1 failed, 2 not run", run.summary());
    }

    @Test
    void aFailedInputLeavesItsDependentsUnrunAndTheTransitionComplete() {
        TransitionRun run = new TransitionRun(3, graph(), 10);
        run.takeReady();
        run.finish(1, true);
        run.finish(2, false);
        assertEquals(List.of(), keys(run.takeReady()));
        assertTrue(run.isComplete());
        assertTrue(run.anyFailed());
    }
}
