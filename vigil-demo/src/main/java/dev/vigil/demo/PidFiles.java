package dev.vigil.demo;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The pid files {@code fence_vigil} reads: {@code DIR/NODE.pid} holds a node's daemon,
 * {@code DIR/NODE@NAME.pid} what its agents started (the demo service writes
 * {@code NODE@web.pid}). A node is "powered off" by killing what they list.
 */
final class PidFiles {
    private PidFiles() {
    }

    static void writeDaemon(Path dir, String node, long pid) throws IOException {
        Path tmp = dir.resolve("." + node + ".pid.tmp");
        Files.writeString(tmp, pid + "\n");
        Files.move(tmp, dir.resolve(node + ".pid"), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Kills (SIGKILL) the processes the agent pid files of {@code node} list ({@code node} null:
     * every node's), as fence_vigil would, and removes those files. A listed PID is killed only if
     * its process started before the file was last written (otherwise the PID was reused).
     */
    static List<Long> killAgents(Path dir, String node) throws IOException {
        List<Long> killed = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return killed;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, (node == null ? "*" : node) + "@*.pid")) {
            for (Path f : files) {
                Instant written = Files.getLastModifiedTime(f).toInstant();
                for (String word : Files.readString(f).trim().split("\\s+")) {
                    long pid;
                    try {
                        pid = Long.parseLong(word);
                    } catch (NumberFormatException e) {
                        continue;
                    }
                    Optional<ProcessHandle> p = ProcessHandle.of(pid);
                    if (p.isEmpty() || pid <= 1 || pid == ProcessHandle.current().pid()) {
                        continue;
                    }
                    Optional<Instant> started = p.get().info().startInstant();
                    if (started.isPresent() && started.get().isAfter(written.plusSeconds(1))) {
                        continue; // the PID belongs to a newer process now
                    }
                    if (p.get().destroyForcibly()) {
                        killed.add(pid);
                    }
                }
                Files.deleteIfExists(f);
            }
        }
        return killed;
    }
}
