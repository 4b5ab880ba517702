package dev.vigil.cli.source;

import dev.vigil.model.cib.Cib;

/** A place a CIB is read from and written back to. */
public interface CibSource {
    /** The current CIB. */
    Snapshot read();

    /**
     * Replaces the configuration read as {@code base} with {@code edited}'s.
     *
     * @return the new version
     * @throws ConflictException when the configuration changed since {@code base} was read
     */
    String write(Snapshot base, Cib edited);

    /** For messages: {@code the daemon at /run/vigil/vigil.sock}, {@code cib.xml}. */
    String describe();
}
