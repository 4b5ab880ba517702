package dev.vigil.demo;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Watches, every 20 ms while a test runs, how many nodes really run each {@code ocf:vigil:http}
 * resource: a node runs it while the process named in its {@code NODE@RSC.pid} file runs (a
 * killed process not yet reaped by its parent does not count).
 * Any moment with two is a violation of "never active on two nodes at once"; the test asserts
 * none was seen.
 */
final class ActiveChecker implements AutoCloseable {
    private final Path pidDir;
    private final Thread thread;
    private final List<String> violations = new ArrayList<>();
    private volatile boolean running = true;
    private long checks;

    ActiveChecker(Path pidDir) {
        this.pidDir = pidDir;
        this.thread = new Thread(this::loop, "active-checker");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            Map<String, List<String>> on = runningNow();
            synchronized (this) {
                checks++;
                for (Map.Entry<String, List<String>> e : on.entrySet()) {
                    if (e.getValue().size() > 1 && violations.size() < 100) {
                        violations.add(e.getKey() + " ran on " + e.getValue() + " at once");
                    }
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Resource → nodes whose process for it is alive now. */
    Map<String, List<String>> runningNow() {
        Map<String, List<String>> on = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(pidDir, "*@*.pid")) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                String node = name.substring(0, name.indexOf('@'));
                String rsc = name.substring(name.indexOf('@') + 1, name.length() - ".pid".length());
                if (alive(f)) {
                    on.computeIfAbsent(rsc, k -> new ArrayList<>()).add(node);
                }
            }
        } catch (IOException e) {
            // the directory is being rewritten; the next check sees it
        }
        return on;
    }

    private static boolean alive(Path pidFile) {
        try {
            String text = Files.readString(pidFile).trim();
            if (text.isEmpty()) {
                return false;
            }
            return Processes.isRunning(Long.parseLong(text.split("\\s+")[0]));
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    synchronized long checks() {
        return checks;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(2000);
    }
}
