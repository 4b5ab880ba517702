package dev.vigil.cluster.config;

import java.util.List;

/**
 * A configuration as read from a file, with the notes worth telling the admin: settings that
 * were accepted but mean something else in Vigil (for example {@code transport: knet}). Each note
 * reads {@code FILE:LINE: note}.
 */
public record ParsedConfig(ClusterConfig config, List<String> notes) {
    public ParsedConfig {
        notes = List.copyOf(notes);
    }
}
