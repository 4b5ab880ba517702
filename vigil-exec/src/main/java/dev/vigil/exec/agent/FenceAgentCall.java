package dev.vigil.exec.agent;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The fence-agents calling convention: the agent reads {@code key=value} lines on stdin
 * ({@code action=off}, {@code port=node1}, {@code nodename=node1}, then the device's own
 * parameters) and exits 0 for success; {@code status} exits 0 for on and 2 for off.
 */
public final class FenceAgentCall {
    /** Keys the caller sets itself; a device parameter of the same name is not passed. */
    public static final Set<String> RESERVED = Set.of("action", "port", "plug", "nodename");
    /** Pacemaker's own device options ({@code pcmk_host_list}…) are never passed to the agent. */
    public static final String PACEMAKER_PREFIX = "pcmk_";

    private FenceAgentCall() {
    }

    /** The device parameters an agent is given: all but {@code pcmk_*} ones and the reserved keys. */
    public static Map<String, String> deviceArguments(Map<String, String> params) {
        Map<String, String> args = new LinkedHashMap<>();
        params.forEach((k, v) -> {
            if (!k.startsWith(PACEMAKER_PREFIX) && !RESERVED.contains(k)) {
                args.put(k, v);
            }
        });
        return args;
    }

    /**
     * The stdin text for the arguments, one {@code key=value} line each, in the map's order.
     *
     * @throws IllegalArgumentException naming the key when a key or value would break the line format
     */
    public static String stdin(Map<String, String> args) {
        StringBuilder b = new StringBuilder();
        args.forEach((k, v) -> {
            if (!k.matches("[A-Za-z0-9_.-]+")) {
                throw new IllegalArgumentException("fence agent argument name '" + k + "' is not allowed");
            }
            String value = v == null ? "" : v;
            if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 || value.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("fence agent argument '" + k + "' contains a line break");
            }
            b.append(k).append('=').append(value).append('\n');
        });
        return b.toString();
    }
}
