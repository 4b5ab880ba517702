package dev.vigil.exec.process;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads process groups off {@code /proc}. */
public final class ProcessGroups {
    private static final Path PROC = Path.of("/proc");

    private ProcessGroups() {
    }

    /** One line of {@code /proc/PID/stat}, reduced to what we use. */
    public record Stat(long pid, char state, long parentPid, long groupId, long sessionId) {
        public boolean isZombie() {
            return state == 'Z' || state == 'X';
        }
    }

    /** The stat of one process, empty when it is gone. */
    public static Optional<Stat> stat(long pid) {
        try {
            return Optional.of(parse(pid, Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Live (not zombie) members of process group {@code groupId}, in PID order. */
    public static List<Long> members(long groupId) {
        List<Long> found = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PROC, ProcessGroups::isPidDir)) {
            for (Path dir : dirs) {
                long pid = Long.parseLong(dir.getFileName().toString());
                stat(pid).filter(s -> s.groupId() == groupId && !s.isZombie()).ifPresent(s -> found.add(pid));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc: " + e.getMessage(), e);
        }
        found.sort(null);
        return found;
    }

    private static boolean isPidDir(Path p) {
        String name = p.getFileName().toString();
        return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
    }

    // Format: "pid (comm) state ppid pgrp session ..."; comm may hold spaces and parentheses,
    // so the fields after it are found from the last ')'.
    static Stat parse(long pid, String line) {
        int close = line.lastIndexOf(')');
        String[] f = line.substring(close + 2).trim().split(" ");
        return new Stat(pid, f[0].charAt(0), Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]));
    }
}
