package dev.vigil.model.cib;

import java.util.Map;

/**
 * Tests the current time: {@code operation} lt, gt, in_range or date_spec, with ISO 8601
 * {@code start}/{@code end}, an optional duration (fields such as {@code hours}) and an
 * optional date_spec (fields such as {@code weekdays="1-5"}).
 */
public record DateExpression(String id, String operation, String start, String end,
                             Map<String, String> duration, Map<String, String> dateSpec)
        implements Expression {
    public DateExpression {
        duration = duration == null ? null : Attrs.copy(duration);
        dateSpec = dateSpec == null ? null : Attrs.copy(dateSpec);
    }
}
