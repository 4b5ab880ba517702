package dev.vigil.cli.source;

import dev.vigil.model.cib.Cib;

/**
 * A CIB as read, with the version it was read at: the write refuses to go ahead if the
 * configuration has moved on since (someone else changed it in between).
 */
public record Snapshot(Cib cib, String version) {
}
