package dev.vigil.cli.edit;

import dev.vigil.cib.CibXml;
import dev.vigil.model.cib.Cib;
import dev.vigil.model.cib.Configuration;
import dev.vigil.model.cib.Status;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The ids a configuration uses, and fresh ids derived from a base name (as pcs makes them). */
public final class ConfigIds {
    private static final Pattern ID_ATTRIBUTE = Pattern.compile("\\sid=\"([^\"]*)\"");
    /** XML name characters allowed in an id: what Pacemaker's schema accepts (xsd:ID). */
    private static final Pattern VALID_ID = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

    private ConfigIds() {
    }

    /**
     * Every id in the configuration section. Read from the written XML on purpose: the writer
     * knows every element that carries an id, so this list stays complete as the model grows.
     */
    public static Set<String> all(Configuration configuration) {
        Cib onlyConfiguration = new Cib(Map.of(), configuration, Status.EMPTY);
        Matcher m = ID_ATTRIBUTE.matcher(CibXml.write(onlyConfiguration));
        Set<String> ids = new TreeSet<>();
        while (m.find()) {
            ids.add(unescape(m.group(1)));
        }
        return ids;
    }

    /** {@code base} if unused (and not in {@code taken}), else {@code base-1}, {@code base-2}… */
    public static String fresh(String base, Set<String> taken) {
        String clean = sanitize(base);
        if (!taken.contains(clean)) {
            return clean;
        }
        for (int i = 1; ; i++) {
            String candidate = clean + "-" + i;
            if (!taken.contains(candidate)) {
                return candidate;
            }
        }
    }

    /** Refuses an id the user chose that Pacemaker would not accept, naming it. */
    public static String requireValid(String what, String id) {
        if (id == null || !VALID_ID.matcher(id).matches()) {
            throw new EditException(what + " id '" + id + "' is not valid: it must start with a letter or '_' "
                    + "and hold only letters, digits, '_', '.' and '-'");
        }
        return id;
    }

    /** Refuses an id that is already used, saying by what. */
    public static void requireUnused(String what, String id, Configuration configuration) {
        if (all(configuration).contains(id)) {
            throw new EditException(what + " id '" + id + "' is already used in the configuration; choose another");
        }
    }

    /** Characters an id cannot hold become '-' (for ids made from user values such as node names). */
    static String sanitize(String base) {
        String s = base.replaceAll("[^A-Za-z0-9_.-]", "-");
        return s.isEmpty() || !Character.isLetter(s.charAt(0)) && s.charAt(0) != '_' ? "id-" + s : s;
    }

    private static String unescape(String xml) {
        return xml.replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&apos;", "'")
                .replace("&amp;", "&");
    }
}
