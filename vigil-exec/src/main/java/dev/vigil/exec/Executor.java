package dev.vigil.exec;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Runs agent operations on one node. Operations on the same resource run one at a time, in the
 * order they were submitted; operations on different resources run in parallel.
 *
 * <p>Results go two ways: the future of {@link #execute} completes with the call's result, and
 * the {@link OperationListener} given at construction hears every result worth recording in the
 * CIB (see there). A simulation implements this interface with no processes at all.
 */
public interface Executor extends AutoCloseable {
    /**
     * Queues an operation. A one-shot operation's future completes with its result. A recurring
     * one (positive interval) is registered, replacing one with the same resource, action and
     * interval; it runs at once and then every interval after each run completes, and its
     * future completes with the first result. A {@code stop} cancels the resource's recurring
     * operations before it is queued.
     *
     * <p>Never completes exceptionally for agent trouble: an unknown agent, a timeout or a
     * crash are results (rc and status say what happened). Fails only for a closed executor or
     * a full queue ({@link IllegalStateException}).
     */
    CompletableFuture<OperationResult> execute(OperationRequest request);

    /**
     * Cancels a recurring operation; its listener gets a {@link OpStatus#CANCELLED} result.
     *
     * @return false when no such recurring operation was registered
     */
    boolean cancel(String resourceId, String action, Duration interval);

    /** The recurring operations registered now, ordered by resource, action and interval. */
    List<OperationRequest> recurringOperations();

    /**
     * The agent's meta-data (runs {@code meta-data}, or makes it up for LSB and systemd).
     *
     * @throws AgentNotFoundException naming the agent and close names when it is not installed
     * @throws AgentException when it cannot be run or its output does not parse
     */
    AgentMetadata metadata(AgentSpec agent);

    /** Installed agents of one class ({@code ocf}, {@code lsb}, {@code stonith}…), sorted. */
    List<AgentSpec> agents(String agentClass);

    /**
     * Stops recurring operations and waits (bounded) for running ones; operations still
     * running after that are killed with their process groups, queued ones complete as
     * cancelled. Resources that were started keep running.
     */
    @Override
    void close();
}
