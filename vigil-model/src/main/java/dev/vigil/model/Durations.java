package dev.vigil.model;

import java.util.Locale;

/**
 * Pacemaker's interval and timeout text: a number with an optional unit ({@code ms},
 * {@code msec}, {@code us}, {@code s}, {@code sec}, {@code m}, {@code min}, {@code h},
 * {@code hr}), or an ISO 8601 duration such as {@code PT10S}. A bare number means seconds.
 */
public final class Durations {
    private Durations() {
    }

    /**
     * Milliseconds for the text.
     *
     * @throws IllegalArgumentException naming the text when it is not a duration
     */
    public static long parseMillis(String text) {
        if (text == null) {
            throw new IllegalArgumentException("missing duration");
        }
        String t = text.trim();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty duration");
        }
        if (t.charAt(0) == 'P' || t.charAt(0) == 'p') {
            return parseIso(t);
        }
        int i = 0;
        while (i < t.length() && (Character.isDigit(t.charAt(i)) || (i == 0 && (t.charAt(0) == '-' || t.charAt(0) == '+')))) {
            i++;
        }
        if (i == 0 || (i == 1 && !Character.isDigit(t.charAt(0)))) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (e.g. 10s, 500ms, 2min, PT1M)");
        }
        long number = Long.parseLong(t.substring(0, i));
        String unit = t.substring(i).trim().toLowerCase(Locale.ROOT);
        long factorNumerator;
        long factorDenominator = 1;
        switch (unit) {
            case "", "s", "sec", "secs", "second", "seconds" -> factorNumerator = 1000;
            case "ms", "msec", "msecs" -> factorNumerator = 1;
            case "us", "usec", "usecs" -> {
                factorNumerator = 1;
                factorDenominator = 1000;
            }
            case "m", "min", "mins", "minute", "minutes" -> factorNumerator = 60_000;
            case "h", "hr", "hrs", "hour", "hours" -> factorNumerator = 3_600_000;
            default -> throw new IllegalArgumentException("'" + text + "' has an unknown time unit '" + unit + "'");
        }
        return number * factorNumerator / factorDenominator;
    }

    /** Like {@link #parseMillis} but returns the fallback for text that is not a duration. */
    public static long parseMillisOr(String text, long fallback) {
        try {
            return parseMillis(text);
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }

    private static long parseIso(String t) {
        String s = t.toUpperCase(Locale.ROOT);
        long total = 0;
        boolean inTime = false;
        int i = 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == 'T') {
                inTime = true;
                i++;
                continue;
            }
            int start = i;
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                i++;
            }
            if (start == i || i >= s.length()) {
                throw new IllegalArgumentException("'" + t + "' is not an ISO 8601 duration");
            }
            long n = Long.parseLong(s.substring(start, i));
            char unit = s.charAt(i++);
            long ms;
            switch (unit) {
                case 'Y' -> ms = 365L * 86_400_000L;
                case 'M' -> ms = inTime ? 60_000L : 30L * 86_400_000L;
                case 'W' -> ms = 7L * 86_400_000L;
                case 'D' -> ms = 86_400_000L;
                case 'H' -> ms = 3_600_000L;
                case 'S' -> ms = 1000L;
                default -> throw new IllegalArgumentException("'" + t + "' is not an ISO 8601 duration");
            }
            total += n * ms;
        }
        return total;
    }
}
