package dev.vigil.cluster.key;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The cluster's shared secret, as corosync's authkey: raw random bytes in a file that is copied
 * to every node. Everything that protects cluster traffic is derived from it (see
 * {@link #derive(String, int)} and {@link ClusterIdentity}).
 *
 * <p>Never printed: {@link #toString()} shows the {@link #fingerprint()} only.
 */
public final class AuthKey {
    /** Bytes in a generated key (1024 bits, the size corosync-keygen writes by default). */
    public static final int DEFAULT_SIZE = 128;
    /** Fewer bytes than this would give less than 256 bits of secret. */
    public static final int MIN_SIZE = 32;
    /** Corosync refuses larger keys too. */
    public static final int MAX_SIZE = 4096;

    private static final byte[] SALT = "vigil authkey v1".getBytes(StandardCharsets.US_ASCII);

    private final byte[] prk;
    private final String fingerprint;
    private final List<String> warnings;
    private final byte[] material;

    private AuthKey(byte[] material, List<String> warnings) {
        if (material.length < MIN_SIZE || material.length > MAX_SIZE) {
            throw new IllegalArgumentException("a cluster key has " + MIN_SIZE + ".." + MAX_SIZE + " bytes, not " + material.length);
        }
        this.material = material.clone();
        this.prk = Hkdf.extract(SALT, material);
        this.fingerprint = computeFingerprint(Hkdf.expand(prk, bytes("vigil fingerprint"), 32));
        this.warnings = List.copyOf(warnings);
    }

    /**
     * A new random key from the system's non-blocking source ({@code NativePRNGNonBlocking},
     * i.e. /dev/urandom: it never waits for entropy, unlike corosync-keygen used to).
     */
    public static AuthKey generate() {
        return generate(DEFAULT_SIZE);
    }

    /** A new random key of {@code size} bytes. */
    public static AuthKey generate(int size) {
        byte[] bytes = new byte[size];
        nonBlockingRandom().nextBytes(bytes);
        return new AuthKey(bytes, List.of());
    }

    /** A key from given bytes (tests, and importing a corosync authkey's contents). */
    public static AuthKey of(byte[] material) {
        return new AuthKey(material, List.of());
    }

    private static SecureRandom nonBlockingRandom() {
        try {
            return SecureRandom.getInstance("NativePRNGNonBlocking");
        } catch (NoSuchAlgorithmException e) {
            // Not on Linux/Unix: the default SecureRandom does not block after seeding either.
            return new SecureRandom();
        }
    }

    /**
     * Reads a key file. Refuses a missing, unreadable, non-regular, too small or too large file;
     * notes in {@link #warnings()} a file that others than its owner may read.
     */
    public static AuthKey load(Path file) throws KeyFileException {
        byte[] bytes;
        try {
            if (!Files.isRegularFile(file)) {
                if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                    throw new NoSuchFileException(file.toString());
                }
                throw new KeyFileException(file + ": not a regular file");
            }
            long size = Files.size(file);
            if (size < MIN_SIZE || size > MAX_SIZE) {
                throw new KeyFileException(file + ": " + size + " bytes is not a cluster key (expected "
                        + MIN_SIZE + ".." + MAX_SIZE + " bytes; create one with 'vigil keygen')");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new KeyFileException(file + ": no such key file (create one with 'vigil keygen' and copy it to every node)", e);
        } catch (AccessDeniedException e) {
            throw new KeyFileException(file + ": permission denied (the key file is readable by root only)", e);
        } catch (KeyFileException e) {
            throw e;
        } catch (IOException e) {
            throw new KeyFileException(file + ": cannot read the key: " + e, e);
        }
        if (bytes.length < MIN_SIZE || bytes.length > MAX_SIZE) {
            throw new KeyFileException(file + ": " + bytes.length + " bytes is not a cluster key");
        }
        return new AuthKey(bytes, permissionWarnings(file));
    }

    private static List<String> permissionWarnings(Path file) {
        List<String> out = new ArrayList<>();
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            Set<PosixFilePermission> open = Set.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
                    PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);
            if (perms.stream().anyMatch(open::contains)) {
                out.add(file + ": mode " + PosixFilePermissions.toString(perms)
                        + " lets others than its owner read or change the cluster key; run chmod 0400 " + file);
            }
        } catch (UnsupportedOperationException | IOException e) {
            // no POSIX permissions to check on this file system
        }
        return out;
    }

    /**
     * Writes the key atomically: a temporary file in the same directory with mode 0400, fsync,
     * then rename over {@code file}.
     */
    public void write(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp;
        try {
            tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
        }
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(material);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("r--------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel dirChannel = FileChannel.open(dir, StandardOpenOption.READ)) {
                dirChannel.force(true);
            } catch (IOException ignored) {
                // some file systems cannot fsync a directory; the rename is still atomic
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * {@code length} bytes derived for one purpose (HKDF-SHA256, salt "vigil authkey v1", info =
     * {@code label}). Different labels give independent keys; nobody can go back from a derived
     * key to the cluster key.
     */
    public byte[] derive(String label, int length) {
        return Hkdf.expand(prk, bytes(label), length);
    }

    /**
     * A short, non-secret name of the key (hex, colon separated) to compare between nodes: two
     * nodes with the same fingerprint hold the same key.
     */
    public String fingerprint() {
        return fingerprint;
    }

    /** The key's size in bytes. */
    public int size() {
        return material.length;
    }

    /** What {@link #load} found worth telling the admin (for example loose permissions). */
    public List<String> warnings() {
        return warnings;
    }

    /** Same key material (compared in constant time). */
    public boolean sameKeyAs(AuthKey other) {
        return MessageDigest.isEqual(material, other.material);
    }

    @Override
    public String toString() {
        return "AuthKey[" + fingerprint + "]";
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String computeFingerprint(byte[] derived) {
        return HexFormat.ofDelimiter(":").formatHex(derived, 0, 8);
    }
}
