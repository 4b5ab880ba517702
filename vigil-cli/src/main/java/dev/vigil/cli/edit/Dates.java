package dev.vigil.cli.edit;

import dev.vigil.model.Durations;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Dates and lifetimes for rules: ISO 8601 as Pacemaker reads it, durations such as 1h or PT30M. */
public final class Dates {
    /** How an expiry is written: UTC, seconds, with the zone so every node reads the same instant. */
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private Dates() {
    }

    public static String format(Instant when) {
        return ISO.format(when);
    }

    /** The text if it is an ISO 8601 date or date-time Pacemaker can read; else an error naming it. */
    static String requireIso(String text) {
        parse(text);
        return text;
    }

    /** The instant of an ISO date ({@code 2030-01-01}, {@code 2030-01-01T10:00:00Z}, a local time as UTC). */
    public static Instant parse(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            // try the forms without zone
        }
        try {
            return LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            // try a bare date
        }
        try {
            return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new EditException("'" + text + "' is not an ISO 8601 date (e.g. 2030-01-31 or 2030-01-31T12:00:00Z)");
        }
    }

    /** A positive lifetime: 1h, 30min, 2d, PT1H, P1D. */
    public static Duration lifetime(String text) {
        String t = text.trim();
        long ms;
        try {
            if (t.matches("[0-9]+\\s*(d|day|days)")) {
                ms = Long.parseLong(t.replaceAll("[^0-9]", "")) * 86_400_000L;
            } else if (t.matches("(?i)P[0-9]+D")) {
                ms = Duration.parse(t).toMillis();
            } else {
                ms = Durations.parseMillis(t);
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new EditException("--lifetime '" + text + "' is not a duration (e.g. 30min, 1h, 2d, PT1H; or 'forever')");
        }
        if (ms <= 0) {
            throw new EditException("--lifetime '" + text + "' must be positive");
        }
        return Duration.ofMillis(ms);
    }
}
