package dev.vigil.cib.store;

import dev.vigil.cib.CibDigest;
import dev.vigil.cib.CibFormatException;
import dev.vigil.cib.CibXml;
import dev.vigil.model.cib.Cib;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The CIB file of one node's state directory.
 *
 * <p>Layout: {@code cib.xml} is the current copy: the XML followed by one comment line
 * {@code <!-- vigil-digest sha256:HEX -->} holding the SHA-256 of the XML above it (a comment
 * keeps the file valid Pacemaker CIB XML, and one file means one atomic rename: a separate
 * digest file could disagree with it after a crash between two renames). {@code cib-N.xml}
 * are the previous copies, N growing, the newest {@code keepBackups} kept. {@code cib.lock}
 * keeps a second daemon off the directory.
 *
 * <p>A write goes to a temporary file, which is fsynced, the current file becomes the newest
 * backup (a hard link, so no copy and no moment without {@code cib.xml}), the temporary file is
 * renamed over {@code cib.xml} and the directory is fsynced. A crash at any point leaves either
 * the old or the new copy complete.
 *
 * <p>On load a file whose digest does not match, or that is not a CIB, is reported, moved aside
 * ({@code cib.xml.corrupt-TIME}) and the newest good backup is used. A file without the digest
 * line (a CIB copied in from Pacemaker, say) is accepted with a note.
 */
public final class CibStore implements AutoCloseable {
    public static final String CIB_FILE = "cib.xml";
    public static final int DEFAULT_BACKUPS = 10;
    static final String TRAILER_PREFIX = "<!-- vigil-digest sha256:";
    static final String TRAILER_SUFFIX = " -->";
    private static final String TEMP_FILE = ".cib.xml.tmp";
    private static final String LOCK_FILE = "cib.lock";
    private static final Pattern BACKUP = Pattern.compile("cib-(\\d{1,18})\\.xml");
    /** A CIB file larger than this is refused on load rather than read into memory. */
    static final long MAX_FILE_BYTES = 256L * 1024 * 1024;

    private final Path dir;
    private final int keepBackups;
    private final Clock clock;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private long nextBackup;

    private CibStore(Path dir, int keepBackups, Clock clock, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.keepBackups = keepBackups;
        this.clock = clock;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.nextBackup = backupNumbers().isEmpty() ? 1 : backupNumbers().lastKey() + 1;
    }

    /**
     * Opens (creating it with mode 0700 if needed) and locks a state directory.
     *
     * @throws CibStoreException when it cannot be created or written, or another daemon holds it
     */
    public static CibStore open(Path dir, int keepBackups) {
        return open(dir, keepBackups, Clock.systemUTC());
    }

    static CibStore open(Path dir, int keepBackups, Clock clock) {
        if (keepBackups < 0 || keepBackups > 10_000) {
            throw new IllegalArgumentException("keepBackups must be 0..10000: " + keepBackups);
        }
        Path abs = dir.toAbsolutePath().normalize();
        try {
            if (!Files.isDirectory(abs)) {
                Files.createDirectories(abs, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
        } catch (IOException e) {
            throw new CibStoreException("cannot create the state directory " + abs + ": " + e.getMessage(), e);
        }
        Path lockFile = abs.resolve(LOCK_FILE);
        FileChannel channel;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new CibStoreException("cannot open " + lockFile + ": " + e.getMessage()
                    + " (is the state directory writable by this user?)", e);
        }
        FileLock held;
        try {
            held = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            held = null;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new CibStoreException("cannot lock " + lockFile + ": " + e.getMessage(), e);
        }
        if (held == null) {
            String owner = readOwner(lockFile);
            closeQuietly(channel);
            throw new CibStoreException("the state directory " + abs + " is in use by another vigil daemon"
                    + owner + "; give each daemon its own --state-dir");
        }
        try {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
            channel.force(true);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new CibStoreException("cannot write " + lockFile + ": " + e.getMessage(), e);
        }
        return new CibStore(abs, keepBackups, clock, channel, held);
    }

    private static String readOwner(Path lockFile) {
        try {
            String pid = Files.readString(lockFile, StandardCharsets.US_ASCII).trim();
            return pid.matches("\\d{1,10}") ? " (pid " + pid + ")" : "";
        } catch (IOException e) {
            return "";
        }
    }

    public Path directory() {
        return dir;
    }

    /** The current copy's file. */
    public Path file() {
        return dir.resolve(CIB_FILE);
    }

    /** The backups, oldest first. */
    public List<Path> backups() {
        return backupNumbers().values().stream().toList();
    }

    /**
     * Finds the newest good copy: {@code cib.xml}, else the backups from the newest down. Files
     * that fail their check are reported in {@link LoadedCib#problems()} and moved aside, so
     * that they never become a backup.
     */
    public synchronized LoadedCib load() {
        List<String> problems = new ArrayList<>();
        deleteLeftoverTemp(problems);
        List<Path> candidates = new ArrayList<>();
        candidates.add(file());
        List<Path> backups = new ArrayList<>(backups());
        java.util.Collections.reverse(backups);
        candidates.addAll(backups);
        for (Path candidate : candidates) {
            if (!Files.exists(candidate)) {
                continue;
            }
            try {
                ReadResult r = read(candidate);
                r.note().ifPresent(problems::add);
                if (!candidate.equals(file())) {
                    problems.add("using the backup " + candidate + " (version " + r.copy().version() + ")");
                }
                return new LoadedCib(Optional.of(r.copy()), Optional.of(candidate), problems);
            } catch (CibStoreException e) {
                problems.add(e.getMessage() + "; " + moveAside(candidate));
            }
        }
        if (!problems.isEmpty()) {
            problems.add("no good copy of the CIB in " + dir + ": starting from an empty one; the cluster's copy "
                    + "replaces it when this node joins");
        }
        return new LoadedCib(Optional.empty(), Optional.empty(), problems);
    }

    private void deleteLeftoverTemp(List<String> problems) {
        Path tmp = dir.resolve(TEMP_FILE);
        try {
            if (Files.deleteIfExists(tmp)) {
                problems.add("removed " + tmp + ", left by a write that did not finish");
            }
        } catch (IOException e) {
            problems.add("cannot remove " + tmp + ": " + e.getMessage());
        }
    }

    private String moveAside(Path bad) {
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC).format(clock.instant());
        Path target = bad.resolveSibling(bad.getFileName() + ".corrupt-" + stamp);
        for (int i = 1; Files.exists(target) && i < 1000; i++) {
            target = bad.resolveSibling(bad.getFileName() + ".corrupt-" + stamp + "-" + i);
        }
        try {
            Files.move(bad, target);
            return "kept as " + target.getFileName();
        } catch (IOException e) {
            return "could not move it aside: " + e.getMessage();
        }
    }

    private record ReadResult(StoredCib copy, Optional<String> note) {
    }

    /** Reads and checks one file; the message of a failure names the file and what is wrong. */
    private static ReadResult read(Path file) {
        String content;
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new CibStoreException(file + ": " + size + " bytes is more than a CIB may have (" + MAX_FILE_BYTES + ")");
            }
            content = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw new CibStoreException(file + ": not UTF-8 text (damaged?)", e);
        } catch (IOException e) {
            throw new CibStoreException(file + ": cannot read: " + e.getMessage(), e);
        }
        Split split = split(content);
        String digest = CibDigest.ofXml(split.xml());
        Optional<String> note = Optional.empty();
        if (split.recordedDigest() == null) {
            note = Optional.of(file + ": no digest line (a CIB copied in by hand?): accepted as it is");
        } else if (!split.recordedDigest().equals(digest)) {
            throw new CibStoreException(file + ": digest mismatch (recorded " + abbreviate(split.recordedDigest())
                    + ", content has " + abbreviate(digest) + "): the file was damaged or edited");
        }
        Cib cib;
        try {
            cib = CibXml.parse(split.xml());
        } catch (CibFormatException e) {
            throw new CibStoreException(file + ": not a usable CIB: " + e.getMessage(), e);
        }
        return new ReadResult(new StoredCib(cib, CibDigest.canonicalXml(split.xml()), digest), note);
    }

    private record Split(String xml, String recordedDigest) {
    }

    /** Separates the XML from the trailing digest line, if there is one. */
    private static Split split(String content) {
        String trimmed = content.stripTrailing();
        int lineStart = trimmed.lastIndexOf('\n') + 1;
        String lastLine = trimmed.substring(lineStart).trim();
        if (lastLine.startsWith(TRAILER_PREFIX) && lastLine.endsWith(TRAILER_SUFFIX)) {
            String hex = lastLine.substring(TRAILER_PREFIX.length(), lastLine.length() - TRAILER_SUFFIX.length()).trim();
            return new Split(content.substring(0, lineStart), hex);
        }
        return new Split(content, null);
    }

    private static String abbreviate(String hex) {
        return hex.length() > 16 ? hex.substring(0, 16) + "…" : hex;
    }

    /**
     * Reads a CIB file written by a store, checking its digest (tests and tools; no lock taken).
     *
     * @throws CibStoreException naming the file and the problem
     */
    public static StoredCib readFile(Path file) {
        return read(file).copy();
    }

    /**
     * Makes {@code copy} the current copy, crash-safely; the previous one becomes the newest
     * backup.
     *
     * @throws CibStoreException when the copy could not be made durable (the caller must not
     *                           go on as if it were: the disk and memory would disagree)
     */
    public synchronized void write(StoredCib copy) {
        String content = CibDigest.canonicalXml(copy.xml()) + TRAILER_PREFIX + copy.digest() + TRAILER_SUFFIX + "\n";
        Path tmp = dir.resolve(TEMP_FILE);
        Path current = file();
        try {
            Files.deleteIfExists(tmp);
            try (FileChannel ch = FileChannel.open(tmp, java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
                ByteBuffer buf = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            if (keepBackups > 0 && Files.exists(current)) {
                backUp(current);
            }
            Files.move(tmp, current, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            fsyncDirectory();
        } catch (IOException e) {
            throw new CibStoreException("cannot write the CIB " + copy.describe() + " to " + current + ": " + e.getMessage(), e);
        }
        prune();
    }

    private void backUp(Path current) throws IOException {
        Path backup = dir.resolve("cib-" + nextBackup + ".xml");
        nextBackup++;
        try {
            Files.createLink(backup, current);
        } catch (FileAlreadyExistsException e) {
            Files.delete(backup);
            Files.createLink(backup, current);
        } catch (UnsupportedOperationException | IOException e) {
            // File systems without hard links: a copy is slower but as good.
            Files.copy(current, backup, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void fsyncDirectory() throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    /** Deletes all but the newest {@code keepBackups} backups; failures only leave extra files. */
    private void prune() {
        TreeMap<Long, Path> all = backupNumbers();
        while (all.size() > keepBackups) {
            Path oldest = all.pollFirstEntry().getValue();
            try {
                Files.deleteIfExists(oldest);
            } catch (IOException e) {
                return;
            }
        }
    }

    private TreeMap<Long, Path> backupNumbers() {
        TreeMap<Long, Path> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(p -> {
                Matcher m = BACKUP.matcher(p.getFileName().toString());
                if (m.matches()) {
                    out.put(Long.parseLong(m.group(1)), p);
                }
            });
        } catch (NoSuchFileException e) {
            return out;
        } catch (IOException e) {
            throw new CibStoreException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** Releases the directory's lock. */
    @Override
    public synchronized void close() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } catch (IOException e) {
            // closing the channel below releases it anyway
        }
        closeQuietly(lockChannel);
    }

    private static void closeQuietly(FileChannel c) {
        try {
            c.close();
        } catch (IOException e) {
            // nothing left to do
        }
    }
}
