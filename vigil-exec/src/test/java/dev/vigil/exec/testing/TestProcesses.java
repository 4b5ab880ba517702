package dev.vigil.exec.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/** Helpers for tests that run real processes: find Vigil's agents, write scripts, scan /proc. */
public final class TestProcesses {
    private TestProcesses() {
    }

    /** The repository's {@code agents/} directory. */
    public static Path agentsDir() {
        String configured = System.getProperty("vigil.agents.dir");
        Path dir = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath().getParent().resolve("agents");
        return dir.toAbsolutePath().normalize();
    }

    /** Writes an executable script. */
    public static Path script(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    /**
     * Live processes whose environment holds {@code KEY=VALUE} (children inherit it, so a unique
     * value finds everything an agent started).
     */
    public static List<Long> withEnvironment(String keyValue) {
        byte[] needle = keyValue.getBytes(StandardCharsets.UTF_8);
        List<Long> found = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of("/proc"))) {
            for (Path dir : dirs) {
                String name = dir.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String status = Files.readString(dir.resolve("status"));
                    if (status.contains("\nState:\tZ")) {
                        continue;
                    }
                    byte[] env = Files.readAllBytes(dir.resolve("environ"));
                    if (containsEntry(env, needle)) {
                        found.add(Long.parseLong(name));
                    }
                } catch (IOException | RuntimeException e) {
                    // Gone meanwhile, or not readable.
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return found;
    }

    /** Polls until {@code check} holds, at most {@code millis}; returns whether it held. */
    public static boolean eventually(long millis, java.util.function.BooleanSupplier check) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000L;
        while (System.nanoTime() < end) {
            if (check.getAsBoolean()) {
                return true;
            }
            Thread.sleep(20);
        }
        return check.getAsBoolean();
    }

    private static boolean containsEntry(byte[] env, byte[] needle) {
        int start = 0;
        for (int i = 0; i <= env.length; i++) {
            if (i == env.length || env[i] == 0) {
                if (i - start == needle.length && java.util.Arrays.equals(env, start, i, needle, 0, needle.length)) {
                    return true;
                }
                start = i + 1;
            }
        }
        return false;
    }
}
