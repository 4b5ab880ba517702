package dev.vigil.exec.process;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs one child process at a time per calling thread, each in a new session (so its PID is
 * also its process group id), and kills the whole group when it overruns its timeout: SIGTERM,
 * then after {@code killGrace} SIGKILL.
 *
 * <p>Output is read only as far as it is available, never with a blocking read: an agent that
 * starts a daemon which keeps the inherited stdout open must not keep us waiting once the agent
 * itself has exited. What arrives after that exit is dropped; daemons should redirect their
 * output.
 */
public final class ProcessRunner {
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);
    private static final List<Path> SETSID = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));
    private static final List<Path> KILL = List.of(Path.of("/usr/bin/kill"), Path.of("/bin/kill"));

    private final int maxOutputBytes;
    private final Duration killGrace;
    private final Clock clock;
    private final String setsid;
    private final Optional<String> killCommand;

    /**
     * @param maxOutputBytes how much of stdout, and separately of stderr, to keep
     * @param killGrace time between SIGTERM and SIGKILL when a timeout kills a group
     * @throws IllegalStateException when {@code setsid} (util-linux) is not installed
     */
    public ProcessRunner(int maxOutputBytes, Duration killGrace, Clock clock) {
        if (maxOutputBytes < 1024) {
            throw new IllegalArgumentException("maxOutputBytes must be at least 1024: " + maxOutputBytes);
        }
        this.maxOutputBytes = maxOutputBytes;
        this.killGrace = killGrace;
        this.clock = clock;
        this.setsid = firstExecutable(SETSID).orElseThrow(() -> new IllegalStateException(
                "setsid not found in " + SETSID + "; install util-linux"));
        this.killCommand = firstExecutable(KILL);
    }

    /**
     * Runs the process to completion or timeout. On interruption the group is killed before
     * the {@link InterruptedException} propagates.
     *
     * @throws IOException when the process cannot be started (the message says why)
     */
    public ProcessOutcome run(ProcessSpec spec) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(setsid);
        command.addAll(spec.command());
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(spec.environment());
        builder.directory(spec.workingDirectory().toFile());
        if (spec.stdin() == null) {
            builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        }
        Instant startedAt = clock.instant();
        long startNanos = System.nanoTime();
        Process process = builder.start();
        long pid = process.pid();
        CappedBuffer out = new CappedBuffer(maxOutputBytes);
        CappedBuffer err = new CappedBuffer(maxOutputBytes);
        writeStdin(process, spec.stdin());

        boolean timedOut = false;
        List<Long> leftovers = List.of();
        long deadline = startNanos + spec.timeout().toNanos();
        try {
            while (true) {
                drain(process, out, err);
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    timedOut = true;
                    break;
                }
                if (process.waitFor(Math.min(remaining, POLL_NANOS), TimeUnit.NANOSECONDS)) {
                    break;
                }
            }
            if (timedOut) {
                leftovers = killGroup(process, pid, out, err);
            }
        } catch (InterruptedException e) {
            killGroup(process, pid, out, err);
            throw e;
        }
        drain(process, out, err);
        closeQuietly(process.getInputStream());
        closeQuietly(process.getErrorStream());
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
        int exitCode = process.isAlive() ? -1 : process.exitValue();
        return new ProcessOutcome(pid, exitCode, timedOut, out.text(), err.text(), startedAt, elapsed, leftovers);
    }

    /**
     * SIGTERM to the group, SIGKILL after the grace period if anything is left, then waits
     * (bounded) until the group is empty. Interrupts during this are remembered and restored,
     * so that a shutdown still leaves no processes behind.
     *
     * @return members still alive at the end (normally none)
     */
    private List<Long> killGroup(Process process, long groupId, CappedBuffer out, CappedBuffer err) {
        Interrupts interrupts = new Interrupts(Thread.interrupted());
        try {
            signalGroup(groupId, "TERM");
            if (!awaitGroupGone(process, groupId, killGrace, out, err, interrupts)) {
                signalGroup(groupId, "KILL");
                awaitGroupGone(process, groupId, KILL_WAIT, out, err, interrupts);
            }
            return ProcessGroups.members(groupId);
        } finally {
            if (interrupts.seen) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static boolean awaitGroupGone(Process process, long groupId, Duration limit, CappedBuffer out,
                                          CappedBuffer err, Interrupts interrupts) {
        long end = System.nanoTime() + limit.toNanos();
        while (true) {
            drain(process, out, err);
            if (!process.isAlive() && ProcessGroups.members(groupId).isEmpty()) {
                return true;
            }
            if (System.nanoTime() >= end) {
                return false;
            }
            try {
                process.waitFor(10, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                // Finish the kill first; killGroup restores the flag.
                interrupts.seen = true;
            }
        }
    }

    /** Whether an interrupt arrived while a kill was being finished. */
    private static final class Interrupts {
        boolean seen;

        Interrupts(boolean seen) {
            this.seen = seen;
        }
    }

    /**
     * Signals the whole group at once with kill(1), then each member still listed, which also
     * covers a machine without kill(1). The group id is the PID of a process we started in a new
     * session; the kernel does not reuse a PID while a group of that id exists, so this signals
     * only processes of that session.
     */
    private void signalGroup(long groupId, String signal) {
        if (groupId <= 1 || groupId == ProcessHandle.current().pid()) {
            throw new IllegalStateException("refusing to signal process group " + groupId);
        }
        if (killCommand.isPresent()) {
            try {
                Process kill = new ProcessBuilder(killCommand.get(), "-s", signal, "--", "-" + groupId)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
                if (!kill.waitFor(2, TimeUnit.SECONDS)) {
                    kill.destroyForcibly();
                }
            } catch (IOException e) {
                // Fall through to the per-process signals below.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (long member : ProcessGroups.members(groupId)) {
            ProcessHandle.of(member).ifPresent(h -> {
                if ("KILL".equals(signal)) {
                    h.destroyForcibly();
                } else {
                    h.destroy();
                }
            });
        }
    }

    private static void writeStdin(Process process, String stdin) {
        if (stdin == null) {
            return;
        }
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // The child exited or closed stdin without reading all of it: its business.
        }
    }

    private static void drain(Process process, CappedBuffer out, CappedBuffer err) {
        drain(process.getInputStream(), out);
        drain(process.getErrorStream(), err);
    }

    // Reads only what is already in the pipe, so it never blocks.
    private static void drain(InputStream in, CappedBuffer buffer) {
        byte[] chunk = new byte[8192];
        try {
            int available;
            while ((available = in.available()) > 0) {
                int n = in.read(chunk, 0, Math.min(available, chunk.length));
                if (n < 0) {
                    return;
                }
                buffer.write(chunk, n);
            }
        } catch (IOException e) {
            // Closed underneath us: nothing more to read.
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // Nothing to do.
        }
    }

    private static Optional<String> firstExecutable(List<Path> candidates) {
        return candidates.stream().filter(Files::isExecutable).map(Path::toString).findFirst();
    }

    /** Keeps the first {@code cap} bytes and counts the rest. */
    private static final class CappedBuffer {
        private final int cap;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private long dropped;

        CappedBuffer(int cap) {
            this.cap = cap;
        }

        void write(byte[] chunk, int length) {
            int room = Math.max(0, cap - kept.size());
            int keep = Math.min(room, length);
            kept.write(chunk, 0, keep);
            dropped += length - keep;
        }

        String text() {
            String s = kept.toString(StandardCharsets.UTF_8);
            return dropped == 0 ? s : s + "\n[" + dropped + " more bytes dropped]";
        }
    }
}
