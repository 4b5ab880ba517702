package dev.vigil.exec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An agent's self-description (its {@code meta-data} XML, or one made up for LSB and systemd),
 * reduced to what the CLI and the controller use: parameters and actions with their defaults.
 */
public record AgentMetadata(AgentSpec agent, String name, String version, String shortDescription,
                            String longDescription, List<Parameter> parameters, List<Action> actions) {
    public AgentMetadata {
        parameters = List.copyOf(parameters);
        actions = List.copyOf(actions);
        shortDescription = shortDescription == null ? "" : shortDescription;
        longDescription = longDescription == null ? "" : longDescription;
        version = version == null ? "" : version;
    }

    /**
     * One parameter. {@code type} is the {@code content type} (string, integer, boolean,
     * select…); {@code defaultValue} is null when the agent gives none; {@code options} lists
     * the values of a {@code select}.
     */
    public record Parameter(String name, boolean required, boolean unique, boolean deprecated, boolean reloadable,
                            String type, String defaultValue, String shortDescription, String longDescription,
                            List<String> options) {
        public Parameter {
            options = List.copyOf(options);
            type = type == null ? "string" : type;
            shortDescription = shortDescription == null ? "" : shortDescription;
            longDescription = longDescription == null ? "" : longDescription;
        }
    }

    /**
     * One action the agent supports, with its advised timeout and (for monitors) interval;
     * null where the agent gives none. {@code role} is set for role-specific monitors.
     */
    public record Action(String name, Duration timeout, Duration interval, String role, String depth) {
    }

    public Optional<Parameter> parameter(String parameterName) {
        return parameters.stream().filter(p -> p.name().equals(parameterName)).findFirst();
    }

    public Optional<Action> action(String actionName) {
        return actions.stream().filter(a -> a.name().equals(actionName)).findFirst();
    }

    public boolean supports(String actionName) {
        return action(actionName).isPresent();
    }

    /** The agent's advised timeout for an action (the first entry for that action that has one). */
    public Optional<Duration> defaultTimeout(String actionName) {
        return actions.stream().filter(a -> a.name().equals(actionName) && a.timeout() != null)
                .map(Action::timeout).findFirst();
    }

    /** Required parameters that {@code given} lacks (or sets to an empty value), in meta-data order. */
    public List<String> missingRequired(Map<String, String> given) {
        List<String> missing = new ArrayList<>();
        for (Parameter p : parameters) {
            String v = given.get(p.name());
            if (p.required() && (v == null || v.isEmpty())) {
                missing.add(p.name());
            }
        }
        return missing;
    }

    /** Names in {@code given} that the agent does not declare, in the map's order. */
    public List<String> unknownParameters(Map<String, String> given) {
        List<String> unknown = new ArrayList<>();
        for (String name : given.keySet()) {
            if (parameter(name).isEmpty()) {
                unknown.add(name);
            }
        }
        return unknown;
    }
}
