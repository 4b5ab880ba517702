package dev.vigil.exec.agent;

import dev.vigil.exec.AgentMetadata;
import dev.vigil.exec.AgentSpec;
import dev.vigil.exec.OperationRequest;

import java.time.Duration;

/** One class of agents (Pacemaker calls them standards): how to run an action and describe an agent. */
interface Standard {
    Invocation invoke(OperationRequest request, Duration timeout) throws InterruptedException;

    AgentMetadata metadata(AgentSpec agent, Duration timeout) throws InterruptedException;
}
