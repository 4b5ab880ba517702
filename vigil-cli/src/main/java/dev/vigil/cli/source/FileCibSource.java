package dev.vigil.cli.source;

import dev.vigil.cib.CibFormatException;
import dev.vigil.cib.CibVersions;
import dev.vigil.cib.CibXml;
import dev.vigil.model.cib.Cib;
import dev.vigil.model.cib.CibVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A CIB file, as {@code pcs -f} edits one. Writes go to a temporary file in the same directory
 * that is then renamed over the original, so a reader never sees half a file and a failed write
 * leaves the old one. A change makes a new epoch, as the cluster would.
 *
 * <p>A file that does not exist reads as an empty CIB when {@code createIfMissing}: write
 * commands then create it, so a configuration can be built offline from nothing.
 */
public final class FileCibSource implements CibSource {
    /** What an empty CIB file holds: the sections a configuration needs, version 0.0.0. */
    public static final String EMPTY_CIB = """
            <cib validate-with="pacemaker-3.9" admin_epoch="0" epoch="0" num_updates="0">
              <configuration>
                <crm_config/>
                <nodes/>
                <resources/>
                <constraints/>
              </configuration>
              <status/>
            </cib>
            """;

    private final Path file;
    private final boolean createIfMissing;

    public FileCibSource(Path file, boolean createIfMissing) {
        this.file = file;
        this.createIfMissing = createIfMissing;
    }

    @Override
    public Snapshot read() {
        Cib cib = load();
        return new Snapshot(cib, cib.version().toString());
    }

    @Override
    public String write(Snapshot base, Cib edited) {
        // The check and the rename happen under a lock, so two writers cannot both pass the check.
        Path lockFile = file.toAbsolutePath().resolveSibling("." + file.getFileName() + ".lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock = channel.lock();
            try {
                return writeLocked(base, edited);
            } finally {
                lock.release();
            }
        } catch (IOException e) {
            throw new SourceException("cannot lock " + lockFile + ": " + e.getMessage() + "; " + file + " is unchanged", e);
        }
    }

    private String writeLocked(Snapshot base, Cib edited) {
        CibVersion now = Files.exists(file) ? load().version() : CibVersion.ZERO;
        CibVersion read = base.cib().version();
        if (now.adminEpoch() != read.adminEpoch() || now.epoch() != read.epoch()) {
            throw new ConflictException(file + " changed since it was read (now version " + now + ", read at "
                    + read + "); nothing was written: run the command again");
        }
        CibVersion next = CibVersions.next(base.cib(), edited);
        writeAtomically(file, CibXml.write(edited.withVersion(next)));
        return next.toString();
    }

    /** Writes {@code text} to a temporary file beside {@code target}, then renames it over {@code target}. */
    public static void writeAtomically(Path target, String text) {
        Path dir = target.toAbsolutePath().getParent();
        Path temp = null;
        try {
            temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new SourceException("cannot write " + target + ": " + e.getMessage() + "; the file is unchanged", e);
        }
    }

    @Override
    public String describe() {
        return file.toString();
    }

    private Cib load() {
        if (!Files.exists(file)) {
            if (createIfMissing) {
                return CibXml.parse(EMPTY_CIB);
            }
            throw new SourceException(file + ": no such file");
        }
        try {
            return CibXml.read(file);
        } catch (CibFormatException e) {
            throw new SourceException(e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path temp) {
        if (temp != null) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // The temporary file is left behind; the CIB file itself is unchanged.
            }
        }
    }
}
