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
                .map(k -> new Scored(k, closeness(w, k.toLowerCase(Locale.ROOT))))
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

    /** Edit distance, except that a name holding the other whole (netmask, cidr_netmask) counts as 1. */
    static int closeness(String wanted, String known) {
        if (wanted.length() >= 3 && known.length() >= 3 && (known.contains(wanted) || wanted.contains(known))) {
            return 1;
        }
        return distance(wanted, known);
    }

    /** Edit distance counting a swap of two neighbours as one edit (wbe → web), the commonest typo. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1));
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
