package dev.vigil.exec;

import java.util.List;

/**
 * No such agent on this node. The message names the agent, where it was looked for and the
 * closest names found ({@code did you mean ocf:heartbeat:Dummy?}).
 */
public class AgentNotFoundException extends AgentException {
    private final AgentSpec agent;
    private final List<AgentSpec> suggestions;

    public AgentNotFoundException(AgentSpec agent, String message, List<AgentSpec> suggestions) {
        super(message);
        this.agent = agent;
        this.suggestions = List.copyOf(suggestions);
    }

    public AgentSpec agent() {
        return agent;
    }

    public List<AgentSpec> suggestions() {
        return suggestions;
    }
}
