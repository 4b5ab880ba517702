package dev.vigil.cli.edit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pcs-style argument list of {@code resource create} and {@code update}:
 * {@code name=value… [meta name=value…] [op ACTION name=value… [op …]]}. Keywords switch what the
 * following pairs are; {@code meta} and {@code op} may come in any order.
 *
 * @param params instance attributes, in the order given
 * @param meta   meta attributes
 * @param ops    operations, each an action and its attributes ({@code interval}, {@code timeout}…)
 */
public record ResourceArgs(Map<String, String> params, Map<String, String> meta, List<OpArgs> ops) {
    /** One {@code op ACTION name=value…}. */
    public record OpArgs(String action, Map<String, String> attributes) {
        public OpArgs {
            attributes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        }
    }

    public ResourceArgs {
        params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
        meta = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(meta));
        ops = List.copyOf(ops);
    }

    /** Parses the words; throws naming the first one that is not {@code name=value} or a keyword. */
    public static ResourceArgs parse(List<String> words) {
        Map<String, String> params = new LinkedHashMap<>();
        Map<String, String> meta = new LinkedHashMap<>();
        List<OpArgs> ops = new ArrayList<>();
        Map<String, String> current = params;
        String opAction = null;
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (w.equals("meta")) {
                opAction = flush(ops, opAction, current);
                current = meta;
            } else if (w.equals("op")) {
                opAction = flush(ops, opAction, current);
                if (i + 1 >= words.size() || words.get(i + 1).contains("=")) {
                    throw new EditException("'op' must be followed by an action name (op monitor interval=10s)");
                }
                opAction = words.get(++i);
                current = new LinkedHashMap<>();
            } else {
                String[] pair = pair(w);
                current.put(pair[0], pair[1]);
            }
        }
        flush(ops, opAction, current);
        return new ResourceArgs(params, meta, ops);
    }

    /** {@code name=value} split in two; the value may be empty (to unset) but the name may not. */
    public static String[] pair(String word) {
        int eq = word.indexOf('=');
        if (eq <= 0) {
            throw new EditException("'" + word + "' is not name=value (nor one of the keywords meta, op)");
        }
        return new String[] {word.substring(0, eq), word.substring(eq + 1)};
    }

    /** Parses words that are all {@code name=value}. */
    public static Map<String, String> pairs(List<String> words) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String w : words) {
            String[] p = pair(w);
            out.put(p[0], p[1]);
        }
        return out;
    }

    private static String flush(List<OpArgs> ops, String action, Map<String, String> attributes) {
        if (action != null) {
            ops.add(new OpArgs(action, attributes));
        }
        return null;
    }
}
