package dev.vigil.cli.edit;

import dev.vigil.model.Durations;
import dev.vigil.model.Score;
import java.util.List;
import java.util.Locale;

/**
 * A documented option (a cluster property or a resource meta attribute): its type, default and
 * one line on what it does. {@link #problem} checks a value against the type.
 *
 * @param type    boolean, integer, nonnegative-integer, score, duration, percentage, select or string
 * @param options the values of a select
 */
public record OptionSpec(String name, String type, String defaultValue, List<String> options, String description) {
    public OptionSpec {
        options = List.copyOf(options);
    }

    static OptionSpec of(String name, String type, String defaultValue, String description) {
        return new OptionSpec(name, type, defaultValue, List.of(), description);
    }

    static OptionSpec select(String name, String defaultValue, List<String> options, String description) {
        return new OptionSpec(name, "select", defaultValue, options, description);
    }

    /** Why {@code value} is not a valid value, or null when it is. */
    public String problem(String value) {
        String v = value.trim();
        boolean ok = switch (type) {
            case "boolean" -> AgentChecks.BOOLEAN.contains(v.toLowerCase(Locale.ROOT));
            case "integer" -> v.matches("[+-]?[0-9]{1,18}");
            case "nonnegative-integer" -> v.matches("\\+?[0-9]{1,18}");
            case "score" -> Score.isScore(v);
            case "duration" -> isDuration(v);
            case "percentage" -> v.matches("[0-9]{1,3}%");
            case "select" -> options.contains(v);
            default -> true;
        };
        if (ok) {
            return null;
        }
        String expected = switch (type) {
            case "boolean" -> "true or false";
            case "integer" -> "an integer";
            case "nonnegative-integer" -> "an integer of 0 or more";
            case "score" -> "a score (an integer or [+-]INFINITY)";
            case "duration" -> "a duration (e.g. 30s, 5min, PT1M)";
            case "percentage" -> "a percentage (e.g. 80%)";
            default -> "one of " + String.join(", ", options);
        };
        return name + "='" + value + "' is not " + expected;
    }

    private static boolean isDuration(String v) {
        try {
            return Durations.parseMillis(v) >= 0;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
