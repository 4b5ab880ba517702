package dev.vigil.scheduler;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The parameter digests Pacemaker records with every operation result ({@code op-digest},
 * {@code op-restart-digest}, {@code op-secure-digest}), so that a later run can tell whether a
 * resource's definition changed since the operation ran.
 *
 * <p>A digest is the MD5 (lower-case hex) of one line, {@code " <parameters a="1" b="2"/>\n"}:
 * the parameters sorted by name, values XML-escaped, newlines written as {@code \n}. The
 * parameters are the resource's instance attributes as evaluated for the node, plus the
 * operation's own instance attributes; meta-attributes ({@code CRM_meta_*}) and the feature set
 * never count, except that a recurring operation's digest includes its timeout
 * ({@code CRM_meta_timeout}, in milliseconds). These rules were established by computing
 * candidates for the histories of Pacemaker's regression corpus and for operations that
 * Pacemaker's own crm_simulate recorded.
 */
public final class OperationDigest {
    static final String TIMEOUT_KEY = "CRM_meta_timeout";

    private OperationDigest() {
    }

    /**
     * The {@code op-digest} of an operation.
     *
     * @param params the resource's parameters with the operation's own parameters applied
     * @param intervalMs the operation's interval; recurring operations digest their timeout too
     * @param timeoutMs the operation's effective timeout
     */
    public static String of(Map<String, String> params, long intervalMs, long timeoutMs) {
        Map<String, String> digested = withoutMeta(params);
        if (intervalMs > 0) {
            digested.put(TIMEOUT_KEY, Long.toString(timeoutMs));
        }
        return md5(render(digested));
    }

    /**
     * The {@code op-digest} to record for an action of a transition graph, from the parameters
     * the graph gives it (which carry its timeout as {@code CRM_meta_timeout}). Whoever runs the
     * action records this, so that the next scheduler run finds the definition unchanged.
     *
     * @param graphParams the action's parameters as the graph lists them
     * @param intervalMs the action's interval
     * @throws IllegalArgumentException if the timeout the graph gives is not a number
     */
    public static String ofGraphAction(Map<String, String> graphParams, long intervalMs) {
        String timeout = graphParams.get(TIMEOUT_KEY);
        long timeoutMs;
        try {
            timeoutMs = timeout == null ? OpConfig.DEFAULT_TIMEOUT_MS : Long.parseLong(timeout.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(TIMEOUT_KEY + " is not a number of milliseconds: " + timeout, e);
        }
        return of(graphParams, intervalMs, timeoutMs);
    }

    /**
     * The {@code op-restart-digest}: only the resource parameters that force a restart (those
     * the agent cannot reload, listed in the history's {@code op-force-restart}), plus the
     * operation's own parameters, which no reload can apply. Records that name no such list
     * digested every parameter.
     *
     * @param resourceParams the resource's parameters as evaluated for the node
     * @param operationParams the parameters configured on the operation itself
     * @param forceRestart the parameters that force a restart, or null for all of them
     */
    public static String restart(Map<String, String> resourceParams, Map<String, String> operationParams,
                                 Collection<String> forceRestart) {
        Map<String, String> digested = withoutMeta(resourceParams);
        if (forceRestart != null) {
            digested.keySet().retainAll(Set.copyOf(forceRestart));
        }
        digested.putAll(withoutMeta(operationParams));
        return md5(render(digested));
    }

    /**
     * The {@code op-secure-digest}: every parameter except the private ones (listed in the
     * history's {@code op-secure-params}), so that a CIB with masked secrets still compares.
     */
    public static String secure(Map<String, String> params, Collection<String> secureParams) {
        Map<String, String> digested = withoutMeta(params);
        digested.keySet().removeAll(Set.copyOf(secureParams));
        return md5(render(digested));
    }

    /**
     * The {@code op-secure-digest} as controllers before feature set 3.16.0 recorded it for
     * fence devices: the fencer's own options ({@code pcmk_*}) were left out as well.
     */
    public static String secureWithoutFencerOptions(Map<String, String> params, Collection<String> secureParams) {
        Map<String, String> digested = withoutMeta(params);
        digested.keySet().removeAll(Set.copyOf(secureParams));
        digested.keySet().removeIf(name -> name.startsWith("pcmk_"));
        return md5(render(digested));
    }

    /** The exact text that is hashed (exposed for tests and diagnostics). */
    static String render(Map<String, String> params) {
        StringBuilder out = new StringBuilder(" <parameters");
        for (Map.Entry<String, String> e : new TreeMap<>(params).entrySet()) {
            out.append(' ').append(e.getKey()).append("=\"").append(escape(e.getValue())).append('"');
        }
        return out.append("/>\n").toString();
    }

    private static Map<String, String> withoutMeta(Map<String, String> params) {
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, String> e : params.entrySet()) {
            String name = e.getKey();
            if (name.startsWith("CRM_meta_") || name.equals("crm_feature_set") || e.getValue() == null) {
                continue;
            }
            out.put(name, e.getValue());
        }
        return out;
    }

    private static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String md5(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder(32);
            for (byte b : hash) {
                hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always provides MD5", e);
        }
    }
}
