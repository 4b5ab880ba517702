package dev.vigil.cli.edit;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** "Did you mean" for names the user typed: the closest known names by edit distance. */
public final class Suggest {
    private static final int MAX = 3;

    private Suggest() {
    }

    /** Up to three known names close to {@code wanted}, closest first. */
    public static List<String> closest(String wanted, Collection<String> known) {
        String w = wanted.toLowerCase(Locale.ROOT);
        int limit = Math.max(1, wanted.length() / 3);
        record Scored(String name, int distance) {
        }
        return known.stream()
                .map(k -> new Scored(k, distance(w, k.toLowerCase(Locale.ROOT))))
                .filter(s -> s.distance() <= limit && !s.name().equals(wanted))
                .sorted(Comparator.comparingInt(Scored::distance).thenComparing(Scored::name))
                .limit(MAX)
                .map(Scored::name)
                .toList();
    }

    /** {@code " (did you mean 'a' or 'b'?)"}, or empty when nothing is close. */
    public static String hint(String wanted, Collection<String> known) {
        List<String> close = closest(wanted, known);
        if (close.isEmpty()) {
            return "";
        }
        return " (did you mean " + String.join(" or ", close.stream().map(c -> "'" + c + "'").toList()) + "?)";
    }

    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
