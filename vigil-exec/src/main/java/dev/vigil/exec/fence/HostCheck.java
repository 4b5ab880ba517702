package dev.vigil.exec.fence;

import java.util.Locale;

/**
 * How a device tells whether it can fence a node ({@code pcmk_host_check}): from the configured
 * list or map, by asking the agent for its list of ports, by asking the agent for the port's
 * status, or not at all (any node).
 */
public enum HostCheck {
    STATIC_LIST("static-list"),
    DYNAMIC_LIST("dynamic-list"),
    STATUS("status"),
    NONE("none");

    private final String word;

    HostCheck(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    public static HostCheck parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (HostCheck c : values()) {
            if (c.word.equals(t)) {
                return c;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a host check (static-list, dynamic-list, status, none)");
    }
}
