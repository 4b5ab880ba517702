package dev.vigil.cli.edit;

import dev.vigil.exec.AgentMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Instance attributes against an agent's meta-data: required ones present, no unknown ones
 * (a typo would otherwise pass silently and the agent would fail later on some node), values of
 * a {@code select} among its options, integers and booleans well formed.
 */
public final class AgentChecks {
    private AgentChecks() {
    }

    /** Every problem with {@code params} for the agent, one sentence each, in meta-data order. */
    public static List<String> problems(String resourceId, AgentMetadata md, Map<String, String> params) {
        List<String> out = new ArrayList<>();
        String agent = md.agent().toString();
        List<String> missing = md.missingRequired(params);
        if (!missing.isEmpty()) {
            out.add("resource '" + resourceId + "': " + agent + " requires " + (missing.size() == 1 ? "parameter " : "parameters ")
                    + String.join(", ", missing) + " (see: vigil resource describe " + agent + ")");
        }
        List<String> names = md.parameters().stream().map(AgentMetadata.Parameter::name).toList();
        for (String name : md.unknownParameters(params)) {
            out.add("resource '" + resourceId + "': " + agent + " has no parameter '" + name + "'" + Suggest.hint(name, names));
        }
        params.forEach((name, value) -> md.parameter(name).ifPresent(p -> valueProblem(resourceId, p, value)
                .ifPresent(out::add)));
        return out;
    }

    private static java.util.Optional<String> valueProblem(String resourceId, AgentMetadata.Parameter p, String value) {
        if (value == null || value.isEmpty()) {
            return java.util.Optional.empty();
        }
        String where = "resource '" + resourceId + "': parameter " + p.name() + "='" + value + "'";
        switch (p.type()) {
            case "integer" -> {
                if (!value.matches("[+-]?[0-9]+")) {
                    return java.util.Optional.of(where + " is not an integer");
                }
            }
            case "boolean" -> {
                if (!BOOLEAN.contains(value.toLowerCase(java.util.Locale.ROOT))) {
                    return java.util.Optional.of(where + " is not a boolean (true/false, yes/no, on/off, 1/0)");
                }
            }
            case "select" -> {
                if (!p.options().isEmpty() && !p.options().contains(value)) {
                    return java.util.Optional.of(where + " is not one of " + String.join(", ", p.options()));
                }
            }
            default -> {
            }
        }
        return java.util.Optional.empty();
    }

    static final java.util.Set<String> BOOLEAN = java.util.Set.of("true", "false", "yes", "no", "on", "off", "1", "0",
            "y", "n");
}
