package dev.vigil.cib.store;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@link CibStore#load()} found.
 *
 * @param copy     the newest good copy, or empty when the directory holds none (a new node)
 * @param source   the file it came from
 * @param problems one line per file that was skipped (digest mismatch, not XML, unreadable...)
 *                 or accepted with a caveat (no digest: an imported file); for the admin's log
 */
public record LoadedCib(Optional<StoredCib> copy, Optional<Path> source, List<String> problems) {
    public LoadedCib {
        problems = List.copyOf(problems);
    }
}
