package dev.vigil.exec;

/** An agent could not be used: its meta-data did not parse, it could not run… The message names the agent. */
public class AgentException extends RuntimeException {
    public AgentException(String message) {
        super(message);
    }

    public AgentException(String message, Throwable cause) {
        super(message, cause);
    }
}
