package dev.vigil.controller.core;

import dev.vigil.model.graph.ActionType;
import dev.vigil.model.graph.GraphAction;
import dev.vigil.model.graph.Synapse;
import dev.vigil.model.graph.TransitionGraph;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The execution state of one transition graph: which actions wait, run, are confirmed or
 * failed. A synapse may fire once every action it waits for is confirmed; at most
 * {@code batchLimit} non-pseudo actions run at once. After an abort nothing new fires and the
 * transition is complete as soon as nothing runs any more (the DC then schedules again with
 * the results recorded). Pure bookkeeping: the DC does the firing.
 */
final class TransitionRun {
    enum State { WAITING, RUNNING, CONFIRMED, FAILED }

    private final int id;
    private final TransitionGraph graph;
    private final int batchLimit;
    private final Map<Integer, Synapse> byAction = new LinkedHashMap<>();
    private final Map<Integer, State> states = new LinkedHashMap<>();
    private String abortReason;

    TransitionRun(int id, TransitionGraph graph, int batchLimit) {
        if (batchLimit < 1) {
            throw new IllegalArgumentException("batch limit must be positive: " + batchLimit);
        }
        this.id = id;
        this.graph = graph;
        this.batchLimit = batchLimit;
        for (Synapse s : graph.synapses()) {
            byAction.put(s.action().id(), s);
            states.put(s.action().id(), State.WAITING);
        }
    }

    int id() {
        return id;
    }

    TransitionGraph graph() {
        return graph;
    }

    GraphAction action(int actionId) {
        Synapse s = byAction.get(actionId);
        return s == null ? null : s.action();
    }

    State state(int actionId) {
        return states.get(actionId);
    }

    boolean isAborted() {
        return abortReason != null;
    }

    String abortReason() {
        return abortReason;
    }

    /** Stops firing new actions; the first reason is kept. */
    void abort(String reason) {
        if (abortReason == null) {
            abortReason = reason;
        }
    }

    /**
     * The actions that may start now, in graph order, marked running: every input confirmed,
     * within the batch limit (pseudo actions do not count against it).
     */
    List<GraphAction> takeReady() {
        List<GraphAction> ready = new ArrayList<>();
        if (isAborted()) {
            return ready;
        }
        int running = running();
        for (Synapse s : graph.synapses()) {
            int actionId = s.action().id();
            if (states.get(actionId) != State.WAITING || !inputsConfirmed(s)) {
                continue;
            }
            boolean counts = s.action().type() != ActionType.PSEUDO;
            if (counts && running >= batchLimit) {
                continue;
            }
            states.put(actionId, State.RUNNING);
            ready.add(s.action());
            if (counts) {
                running++;
            }
        }
        return ready;
    }

    private boolean inputsConfirmed(Synapse s) {
        for (int input : s.inputs()) {
            if (states.getOrDefault(input, State.CONFIRMED) != State.CONFIRMED) {
                return false;
            }
        }
        return true;
    }

    /** Records an action's outcome; returns false when the action was not running (a late or repeated answer). */
    boolean finish(int actionId, boolean failed) {
        if (states.get(actionId) != State.RUNNING) {
            return false;
        }
        states.put(actionId, failed ? State.FAILED : State.CONFIRMED);
        return true;
    }

    /** Running non-pseudo actions. */
    int running() {
        int n = 0;
        for (Map.Entry<Integer, State> e : states.entrySet()) {
            if (e.getValue() == State.RUNNING && byAction.get(e.getKey()).action().type() != ActionType.PSEUDO) {
                n++;
            }
        }
        return n;
    }

    /** Running actions on one node (to fail them when the node leaves). */
    List<GraphAction> runningOn(String node) {
        List<GraphAction> out = new ArrayList<>();
        for (Map.Entry<Integer, State> e : states.entrySet()) {
            GraphAction a = byAction.get(e.getKey()).action();
            if (e.getValue() == State.RUNNING && node.equals(a.node()) && a.type() == ActionType.RESOURCE) {
                out.add(a);
            }
        }
        return out;
    }

    /** Whether any action failed. */
    boolean anyFailed() {
        return states.containsValue(State.FAILED);
    }

    /**
     * Complete when nothing runs and nothing more can start: after an abort, or when every action
     * is confirmed, or when the rest wait on failed actions.
     */
    boolean isComplete() {
        if (states.containsValue(State.RUNNING)) {
            return false;
        }
        if (isAborted()) {
            return true;
        }
        for (Synapse s : graph.synapses()) {
            if (states.get(s.action().id()) == State.WAITING && inputsConfirmed(s)) {
                return false; // could still start (held back only by the batch limit)
            }
        }
        return true;
    }

    /** Counts by state, for logs: {@code 12 actions: 10 confirmed, 1 failed, 1 not run}. */
    String summary() {
        int confirmed = 0;
        int failed = 0;
        int waiting = 0;
        for (State s : states.values()) {
            switch (s) {
                case CONFIRMED -> confirmed++;
                case FAILED -> failed++;
                case WAITING -> waiting++;
                default -> {
                }
            }
        }
        return states.size() + " actions: " + confirmed + " confirmed, " + failed + " failed, " + waiting + " not run";
    }
}
