package dev.vigil.cli.source;

import dev.vigil.cli.ApiOptions;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code -f FILE} or {@code --socket PATH}: the CIB a command reads and edits. With {@code -f}
 * the command works offline on the file (like {@code pcs -f}); otherwise on the daemon's CIB.
 */
public final class CibTarget {
    @Option(names = {"-f", "--file"}, paramLabel = "FILE",
            description = "work offline on this CIB file instead of the cluster's (a write to a missing file creates it)")
    Path file;

    @Mixin
    ApiOptions api;

    /** Where to read and write; {@code createIfMissing} lets write commands start a new file. */
    public CibSource source(boolean createIfMissing) {
        return file != null ? new FileCibSource(file, createIfMissing) : new DaemonCibSource(api.socket());
    }

    public boolean offline() {
        return file != null;
    }

    public ApiOptions api() {
        return api;
    }
}
