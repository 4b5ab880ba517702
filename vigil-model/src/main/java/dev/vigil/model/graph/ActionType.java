package dev.vigil.model.graph;

/** What executes an action. */
public enum ActionType {
    /** An agent operation run by a node's executor. */
    RESOURCE,
    /** A marker with no work (group started, clone notified…); completes when its inputs do. */
    PSEUDO,
    /** Work for the controller itself: fencing, node shutdown, clearing a fail count. */
    CLUSTER
}
