package dev.vigil.model;

import java.util.Locale;

/** The role of a resource instance on a node, ordered from least to most active. */
public enum Role {
    UNKNOWN("Unknown"),
    STOPPED("Stopped"),
    STARTED("Started"),
    UNPROMOTED("Unpromoted"),
    PROMOTED("Promoted");

    private final String text;

    Role(String text) {
        this.text = text;
    }

    /** The name used in current CIB XML and in crm_simulate output. */
    public String text() {
        return text;
    }

    /**
     * Parses a role name; accepts the legacy {@code Master}/{@code Slave} spellings.
     *
     * @throws IllegalArgumentException naming the text when it is not a role
     */
    public static Role parse(String text) {
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "unknown":
                return UNKNOWN;
            case "stopped":
                return STOPPED;
            case "started":
                return STARTED;
            case "unpromoted":
            case "slave":
                return UNPROMOTED;
            case "promoted":
            case "master":
                return PROMOTED;
            default:
                throw new IllegalArgumentException("'" + text
                        + "' is not a role (Stopped, Started, Unpromoted, Promoted)");
        }
    }
}
