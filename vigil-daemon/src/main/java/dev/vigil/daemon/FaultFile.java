package dev.vigil.daemon;

import dev.vigil.cluster.membership.NetworkFaults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * For tests only (the hidden option {@code --test-faults FILE}): cuts the links this file lists,
 * re-read every 100 ms. Each line is {@code cut NODE NODE}; {@code #} starts a comment; an
 * empty or missing file heals every link. All daemons of a test read the same file, so writing
 * it partitions the cluster as a cut cable would (traffic dropped below failure detection).
 */
final class FaultFile implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("dev.vigil.daemon");
    private final Path file;
    private final NetworkFaults faults = new NetworkFaults();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "vigil-test-faults");
        t.setDaemon(true);
        return t;
    });
    private List<List<String>> applied = List.of();

    FaultFile(Path file) {
        this.file = file;
    }

    NetworkFaults faults() {
        return faults;
    }

    void start() {
        poll();
        poller.scheduleWithFixedDelay(this::poll, 100, 100, TimeUnit.MILLISECONDS);
    }

    private void poll() {
        List<List<String>> cuts = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String text = line.replaceAll("#.*", "").trim();
                if (text.isEmpty()) {
                    continue;
                }
                String[] words = text.split("\\s+");
                if (words.length == 3 && words[0].equals("cut")) {
                    cuts.add(List.of(words[1], words[2]));
                } else {
                    LOG.log(System.Logger.Level.WARNING, file + ": ignoring '" + line + "' (expected: cut NODE NODE)");
                }
            }
        } catch (NoSuchFileException e) {
            // no faults
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, file + ": " + e.getMessage());
            return;
        }
        if (!cuts.equals(applied)) {
            faults.heal();
            cuts.forEach(c -> faults.cut(c.get(0), c.get(1)));
            applied = List.copyOf(cuts);
            LOG.log(System.Logger.Level.INFO, "test faults: " + (cuts.isEmpty() ? "all links healed" : "cut " + cuts));
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
