package dev.vigil.scheduler;

import dev.vigil.model.Durations;
import dev.vigil.model.Role;
import dev.vigil.model.cib.AttributeExpression;
import dev.vigil.model.cib.DateExpression;
import dev.vigil.model.cib.Expression;
import dev.vigil.model.cib.OperationExpression;
import dev.vigil.model.cib.ResourceExpression;
import dev.vigil.model.cib.Rule;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** Evaluates rules and their expressions, as Pacemaker's rule engine defines them. */
final class Rules {
    private final Map<String, Rule> rulesById;

    Rules(Map<String, Rule> rulesById) {
        this.rulesById = rulesById;
    }

    /** The rule an {@code id-ref} points to, or the rule itself. */
    Rule resolve(Rule rule) {
        if (rule.idRef() == null) {
            return rule;
        }
        Rule target = rulesById.get(rule.idRef());
        return target == null ? rule : target;
    }

    /** True when any of the rules holds (an attribute set applies when one of its rules does). */
    boolean anyHolds(List<Rule> rules, RuleContext ctx) {
        if (rules.isEmpty()) {
            return true;
        }
        for (Rule r : rules) {
            if (holds(r, ctx)) {
                return true;
            }
        }
        return false;
    }

    boolean holds(Rule rule, RuleContext ctx) {
        Rule r = resolve(rule);
        if (r.role() != null && ctx.role() != null
                && Role.parse(r.role()) != Role.parse(ctx.role())) {
            return false;
        }
        if (r.expressions().isEmpty()) {
            return true;
        }
        boolean or = r.isOr();
        for (Expression e : r.expressions()) {
            boolean result = expression(e, ctx);
            if (or && result) {
                return true;
            }
            if (!or && !result) {
                return false;
            }
        }
        return !or;
    }

    private boolean expression(Expression e, RuleContext ctx) {
        if (e instanceof Rule nested) {
            return holds(nested, ctx);
        } else if (e instanceof AttributeExpression a) {
            return attribute(a, ctx);
        } else if (e instanceof DateExpression d) {
            return date(d, ctx.nowEpochSeconds());
        } else if (e instanceof OperationExpression o) {
            if (ctx.opName() == null || !o.name().equals(ctx.opName())) {
                return false;
            }
            return o.interval() == null || Durations.parseMillisOr(o.interval(), -1) == ctx.opIntervalMs();
        } else if (e instanceof ResourceExpression r) {
            return (r.agentClass() == null || r.agentClass().equals(ctx.agentClass()))
                    && (r.provider() == null || r.provider().equals(ctx.agentProvider()))
                    && (r.type() == null || r.type().equals(ctx.agentType()));
        }
        return false;
    }

    private static boolean attribute(AttributeExpression a, RuleContext ctx) {
        String actual = ctx.nodeAttributes().get(a.attribute());
        String expected = a.value();
        if (expected != null && a.valueSource() != null) {
            Map<String, String> source = switch (a.valueSource()) {
                case "param" -> ctx.resourceParams();
                case "meta" -> ctx.resourceMeta();
                default -> null;
            };
            if (source != null) {
                expected = source.get(expected);
            } else if (!a.valueSource().equals("literal")) {
                expected = null;
            }
        }
        switch (a.operation()) {
            case "defined":
                return actual != null;
            case "not_defined":
                return actual == null;
            default:
                break;
        }
        if (actual == null || expected == null) {
            // Pacemaker: "ne" holds when the attribute is missing; every other comparison fails.
            return a.operation().equals("ne") && !(actual == null && expected == null);
        }
        int cmp = compare(actual, expected, a.type(), a.operation());
        return switch (a.operation()) {
            case "eq" -> cmp == 0;
            case "ne" -> cmp != 0;
            case "lt" -> cmp < 0;
            case "lte" -> cmp <= 0;
            case "gt" -> cmp > 0;
            case "gte" -> cmp >= 0;
            default -> false;
        };
    }

    private static int compare(String left, String right, String type, String operation) {
        String t = type;
        if (t == null) {
            // Pacemaker compares as text unless ordering is asked for: then as numbers.
            if (operation.equals("lt") || operation.equals("lte") || operation.equals("gt") || operation.equals("gte")) {
                t = left.contains(".") || right.contains(".") ? "number" : "integer";
            } else {
                t = "string";
            }
        }
        switch (t) {
            case "integer" -> {
                return Long.compare(leadingLong(left), leadingLong(right));
            }
            case "number" -> {
                try {
                    return new BigDecimal(left.trim()).compareTo(new BigDecimal(right.trim()));
                } catch (NumberFormatException e) {
                    return left.compareToIgnoreCase(right);
                }
            }
            case "version" -> {
                return compareVersions(left, right);
            }
            default -> {
                return Integer.signum(left.compareToIgnoreCase(right));
            }
        }
    }

    /** The leading integer of the text, as C's strtoll reads it (0 when there is none). */
    private static long leadingLong(String s) {
        String t = s.trim();
        int i = 0;
        if (i < t.length() && (t.charAt(i) == '-' || t.charAt(i) == '+')) {
            i++;
        }
        int start = i;
        while (i < t.length() && Character.isDigit(t.charAt(i)) && i - start < 18) {
            i++;
        }
        return i == start ? 0 : Long.parseLong(t.substring(0, i).replace("+", ""));
    }

    static int compareVersions(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long p = i < x.length ? parseLongOr(x[i]) : 0;
            long q = i < y.length ? parseLongOr(y[i]) : 0;
            if (p != q) {
                return Long.compare(p, q);
            }
        }
        return 0;
    }

    private static long parseLongOr(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static boolean date(DateExpression d, long now) {
        try {
            switch (d.operation()) {
                case "lt":
                    return d.end() != null && now < IsoTime.parseEpochSeconds(d.end());
                case "gt":
                    return d.start() != null && now > IsoTime.parseEpochSeconds(d.start());
                case "date_spec":
                    return d.dateSpec() != null && IsoTime.matchesSpec(now, d.dateSpec());
                default: {
                    Long start = d.start() == null ? null : IsoTime.parseEpochSeconds(d.start());
                    Long end = d.end() == null ? null : IsoTime.parseEpochSeconds(d.end());
                    if (end == null && start != null && d.duration() != null) {
                        end = IsoTime.plus(start, d.duration());
                    }
                    return (start == null || now >= start) && (end == null || now <= end);
                }
            }
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            return false;
        }
    }
}
