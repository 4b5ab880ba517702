package dev.vigil.cli.edit;

import dev.vigil.model.Score;
import dev.vigil.model.cib.AttributeExpression;
import dev.vigil.model.cib.DateExpression;
import dev.vigil.model.cib.Expression;
import dev.vigil.model.cib.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * pcs's rule syntax for location rules, the common part of it:
 * {@code [score=S | score-attribute=A] [role=R] EXPR [and|or EXPR]…} where EXPR is
 * {@code defined ATTR}, {@code not_defined ATTR}, {@code ATTR OP VALUE} (OP lt, gt, lte, gte,
 * eq, ne; optionally {@code ATTR OP integer|number|version|string VALUE}) or
 * {@code date gt|lt ISO}, {@code date in_range START to END}. One kind of joiner per rule.
 */
public final class RuleParser {
    private static final Set<String> OPS = Set.of("lt", "gt", "lte", "gte", "eq", "ne");
    private static final Set<String> TYPES = Set.of("string", "integer", "number", "version");

    private RuleParser() {
    }

    /** The rule with ids derived from {@code ruleId}. */
    public static Rule parse(String ruleId, List<String> words) {
        List<String> w = new ArrayList<>(words);
        Integer score = null;
        String scoreAttribute = null;
        String role = null;
        while (!w.isEmpty() && (w.get(0).startsWith("score=") || w.get(0).startsWith("score-attribute=")
                || w.get(0).startsWith("role="))) {
            String[] p = ResourceArgs.pair(w.remove(0));
            switch (p[0]) {
                case "score" -> score = score(p[1]);
                case "score-attribute" -> scoreAttribute = p[1];
                default -> role = Roles.require(p[1]);
            }
        }
        if (score == null && scoreAttribute == null) {
            score = Score.INFINITY;
        }
        if (w.isEmpty()) {
            throw new EditException("rule: no expression (e.g. #uname eq node1, defined pingd, date gt 2030-01-01)");
        }
        List<Expression> expressions = new ArrayList<>();
        String joiner = null;
        int i = 0;
        while (i < w.size()) {
            int end = i;
            while (end < w.size() && !w.get(end).equals("and") && !w.get(end).equals("or")) {
                end++;
            }
            expressions.add(expression(ruleId + "-expr" + (expressions.isEmpty() ? "" : "-" + expressions.size()),
                    w.subList(i, end)));
            if (end < w.size()) {
                if (joiner != null && !joiner.equals(w.get(end))) {
                    throw new EditException("rule: mixes 'and' and 'or'; write one rule per kind of joiner");
                }
                joiner = w.get(end);
                if (end + 1 >= w.size()) {
                    throw new EditException("rule: nothing after '" + joiner + "'");
                }
            }
            i = end + 1;
        }
        return new Rule(ruleId, null, score, scoreAttribute, joiner == null ? null : joiner, role, expressions);
    }

    private static Expression expression(String id, List<String> w) {
        if (w.isEmpty()) {
            throw new EditException("rule: an empty expression");
        }
        String first = w.get(0);
        if ((first.equals("defined") || first.equals("not_defined")) && w.size() == 2) {
            return new AttributeExpression(id, w.get(1), first, null, null, null);
        }
        if (first.equals("date")) {
            return date(id, w);
        }
        if (w.size() == 3 && OPS.contains(w.get(1))) {
            return new AttributeExpression(id, first, w.get(1), w.get(2), null, null);
        }
        if (w.size() == 4 && OPS.contains(w.get(1)) && TYPES.contains(w.get(2))) {
            return new AttributeExpression(id, first, w.get(1), w.get(3), w.get(2), null);
        }
        throw new EditException("rule: cannot read '" + String.join(" ", w) + "' (expected ATTR OP VALUE with OP one of "
                + "lt gt lte gte eq ne, defined ATTR, not_defined ATTR, date gt|lt DATE, date in_range START to END)");
    }

    private static Expression date(String id, List<String> w) {
        if (w.size() == 3 && (w.get(1).equals("gt") || w.get(1).equals("lt"))) {
            String when = Dates.requireIso(w.get(2));
            return w.get(1).equals("gt") ? new DateExpression(id, "gt", when, null, null, null)
                    : new DateExpression(id, "lt", null, when, null, null);
        }
        if (w.size() == 5 && w.get(1).equals("in_range") && w.get(3).equals("to")) {
            return new DateExpression(id, "in_range", Dates.requireIso(w.get(2)), Dates.requireIso(w.get(4)), null, null);
        }
        throw new EditException("rule: cannot read '" + String.join(" ", w)
                + "' (expected date gt DATE, date lt DATE or date in_range START to END)");
    }

    static int score(String text) {
        try {
            return Score.parse(text);
        } catch (IllegalArgumentException e) {
            throw new EditException("bad score: " + e.getMessage());
        }
    }

    /** The roles constraints accept. */
    static final class Roles {
        static final List<String> ALL = List.of("Started", "Stopped", "Promoted", "Unpromoted", "Master", "Slave");

        private Roles() {
        }

        static String require(String role) {
            for (String r : ALL) {
                if (r.equalsIgnoreCase(role)) {
                    return r;
                }
            }
            throw new EditException("unknown role '" + role + "' (one of " + String.join(", ", ALL) + ")"
                    + Suggest.hint(role.toLowerCase(Locale.ROOT), ALL));
        }
    }
}
