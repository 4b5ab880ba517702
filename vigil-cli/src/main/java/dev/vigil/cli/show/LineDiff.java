package dev.vigil.cli.show;

import java.util.ArrayList;
import java.util.List;

/**
 * A line diff ({@code -} removed, {@code +} added, two lines of context around changes), for
 * {@code cib diff}. Common head and tail are cut first; the middle is compared by longest common
 * subsequence when it is small enough, else shown as all removed then all added. Pure.
 */
public final class LineDiff {
    /** Middle sizes whose product stays below this are compared line by line (bounded memory). */
    private static final long MAX_CELLS = 4_000_000L;
    private static final int CONTEXT = 2;

    private LineDiff() {
    }

    /** The diff of two texts, empty when they are equal. */
    public static String diff(String oldText, String newText, String oldName, String newName) {
        List<String> a = oldText.lines().toList();
        List<String> b = newText.lines().toList();
        int head = 0;
        while (head < a.size() && head < b.size() && a.get(head).equals(b.get(head))) {
            head++;
        }
        if (head == a.size() && head == b.size()) {
            return "";
        }
        int tail = 0;
        while (tail < a.size() - head && tail < b.size() - head
                && a.get(a.size() - 1 - tail).equals(b.get(b.size() - 1 - tail))) {
            tail++;
        }
        List<String> ops = new ArrayList<>();
        for (int i = 0; i < head; i++) {
            ops.add(" " + a.get(i));
        }
        ops.addAll(middle(a.subList(head, a.size() - tail), b.subList(head, b.size() - tail)));
        for (int i = a.size() - tail; i < a.size(); i++) {
            ops.add(" " + a.get(i));
        }
        return "--- " + oldName + "\n+++ " + newName + "\n" + withContext(ops);
    }

    private static List<String> middle(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>();
        if ((long) a.size() * b.size() > MAX_CELLS) {
            a.forEach(l -> out.add("-" + l));
            b.forEach(l -> out.add("+" + l));
            return out;
        }
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                out.add(" " + a.get(i++));
                j++;
            } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
                out.add("-" + a.get(i++));
            } else {
                out.add("+" + b.get(j++));
            }
        }
        return out;
    }

    /** Keeps changed lines and {@link #CONTEXT} lines around them; "..." marks what is left out. */
    private static String withContext(List<String> ops) {
        boolean[] keep = new boolean[ops.size()];
        for (int k = 0; k < ops.size(); k++) {
            if (ops.get(k).charAt(0) != ' ') {
                for (int c = Math.max(0, k - CONTEXT); c <= Math.min(ops.size() - 1, k + CONTEXT); c++) {
                    keep[c] = true;
                }
            }
        }
        StringBuilder out = new StringBuilder();
        boolean skipped = false;
        for (int k = 0; k < ops.size(); k++) {
            if (keep[k]) {
                if (skipped) {
                    out.append("...\n");
                    skipped = false;
                }
                out.append(ops.get(k)).append('\n');
            } else {
                skipped = true;
            }
        }
        if (skipped) {
            out.append("...\n");
        }
        return out.toString();
    }
}
