package dev.vigil.cli.crm;

import java.util.ArrayList;
import java.util.List;

/**
 * One crm statement: its words and the line it starts on. Lines ending in {@code \} continue on
 * the next; {@code #} starts a comment line; words are split on blanks, and double or single
 * quotes keep blanks inside a word ({@code params descr="a web server"}).
 */
public record Statement(int line, List<String> words) {
    public Statement {
        words = List.copyOf(words);
    }

    /** Splits a text into statements. */
    public static List<Statement> split(String text) {
        List<Statement> out = new ArrayList<>();
        // split without -1 drops trailing empty lines, so a final '\' has no line to continue on
        String[] lines = text.split("\r?\n");
        StringBuilder pending = new StringBuilder();
        int start = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (pending.length() == 0) {
                start = i + 1;
                if (line.trim().startsWith("#")) {
                    continue;
                }
            }
            String stripped = line.stripTrailing();
            if (stripped.endsWith("\\")) {
                pending.append(stripped, 0, stripped.length() - 1).append(' ');
                continue;
            }
            pending.append(line);
            List<String> words = words(pending.toString(), start);
            if (!words.isEmpty()) {
                out.add(new Statement(start, words));
            }
            pending.setLength(0);
        }
        if (pending.length() > 0) {
            throw new CrmSyntaxException(start, "the statement ends with '\\' but no line follows");
        }
        return out;
    }

    static List<String> words(String text, int line) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    out.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new CrmSyntaxException(line, "a quote (" + quote + ") is not closed");
        }
        if (inWord) {
            out.add(word.toString());
        }
        return out;
    }
}
