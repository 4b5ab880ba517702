package dev.vigil.scheduler;

import java.util.Comparator;

/** Pacemaker's node name order: case-insensitive, with runs of digits compared as numbers. */
final class NodeNames {
    static final Comparator<String> ORDER = NodeNames::compare;

    private NodeNames() {
    }

    static int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char x = a.charAt(i);
            char y = b.charAt(j);
            if (Character.isDigit(x) && Character.isDigit(y)) {
                int si = i;
                int sj = j;
                while (i < a.length() && Character.isDigit(a.charAt(i))) {
                    i++;
                }
                while (j < b.length() && Character.isDigit(b.charAt(j))) {
                    j++;
                }
                long nx = parse(a.substring(si, i));
                long ny = parse(b.substring(sj, j));
                if (nx != ny) {
                    return Long.compare(nx, ny);
                }
                continue;
            }
            int c = Character.compare(Character.toLowerCase(x), Character.toLowerCase(y));
            if (c != 0) {
                return c;
            }
            i++;
            j++;
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    private static long parse(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
