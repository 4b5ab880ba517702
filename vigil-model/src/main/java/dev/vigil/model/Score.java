package dev.vigil.model;

/**
 * Placement scores: integers that saturate at ±{@link #INFINITY}, as Pacemaker defines them.
 *
 * <p>Scores are plain {@code int}s on hot paths; this class holds the arithmetic and the text
 * form. Adding anything to −INFINITY stays −INFINITY (a ban cannot be outvoted), otherwise
 * +INFINITY absorbs finite values.
 */
public final class Score {
    public static final int INFINITY = 1_000_000;
    public static final int MINUS_INFINITY = -INFINITY;

    private Score() {
    }

    /** Saturating sum: −INFINITY wins over +INFINITY, which wins over any finite value. */
    public static int add(int a, int b) {
        if (a <= MINUS_INFINITY || b <= MINUS_INFINITY) {
            return MINUS_INFINITY;
        }
        if (a >= INFINITY || b >= INFINITY) {
            return INFINITY;
        }
        return clamp((long) a + b);
    }

    public static int clamp(long value) {
        if (value >= INFINITY) {
            return INFINITY;
        }
        if (value <= MINUS_INFINITY) {
            return MINUS_INFINITY;
        }
        return (int) value;
    }

    /**
     * Parses Pacemaker's score text: {@code INFINITY}, {@code +INFINITY}, {@code -INFINITY}
     * (any case) or a decimal integer, clamped to ±INFINITY.
     *
     * @throws IllegalArgumentException naming the text when it is none of those
     */
    public static int parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("missing score");
        }
        String t = text.trim();
        switch (t.toUpperCase(java.util.Locale.ROOT)) {
            case "INFINITY", "+INFINITY" -> {
                return INFINITY;
            }
            case "-INFINITY" -> {
                return MINUS_INFINITY;
            }
            default -> {
            }
        }
        try {
            return clamp(Long.parseLong(t.startsWith("+") ? t.substring(1) : t));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a score (an integer or [+-]INFINITY)");
        }
    }

    /**
     * Pacemaker's lenient reading of a score in option values: [+-]INFINITY, else the leading
     * integer of the text (so {@code 1.0} is 1 and {@code abc} is 0), clamped.
     */
    public static int parseLenient(String text) {
        if (text == null) {
            return 0;
        }
        String t = text.trim();
        switch (t.toUpperCase(java.util.Locale.ROOT)) {
            case "INFINITY", "+INFINITY" -> {
                return INFINITY;
            }
            case "-INFINITY" -> {
                return MINUS_INFINITY;
            }
            default -> {
            }
        }
        int i = 0;
        if (i < t.length() && (t.charAt(i) == '-' || t.charAt(i) == '+')) {
            i++;
        }
        int digitsStart = i;
        while (i < t.length() && Character.isDigit(t.charAt(i)) && i - digitsStart < 18) {
            i++;
        }
        if (i == digitsStart) {
            return 0;
        }
        return clamp(Long.parseLong(t.substring(0, i).replace("+", "")));
    }

    /** True when {@link #parse} would accept the text. */
    public static boolean isScore(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Text form as Pacemaker prints it: {@code INFINITY}, {@code -INFINITY} or the integer. */
    public static String format(int score) {
        if (score >= INFINITY) {
            return "INFINITY";
        }
        if (score <= MINUS_INFINITY) {
            return "-INFINITY";
        }
        return Integer.toString(score);
    }
}
