package dev.vigil.cli;

import dev.vigil.cli.source.CibRunner;
import dev.vigil.cli.view.StatusReport;
import dev.vigil.cli.view.StatusText;
import dev.vigil.scheduler.ClusterSnapshot;
import dev.vigil.scheduler.StatusView;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil status}: crm_mon's view of the cluster. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show the cluster's state, as crm_mon does.",
            "Nodes (online, offline, standby, maintenance), quorum, "
                + "the DC, resources by group and clone with their roles and nodes, failed actions, pending "
                + "actions and the fencing history.",
            "Online it asks the daemon (--socket); with -f FILE it reads a CIB file (no fencing history there)."},
        footer = {"", "Examples:", "  vigil status", "  vigil status --inactive", "  vigil status --brief",
            "  vigil status --watch --interval 5", "  vigil status -f cib.xml --output json",
            "", "Exit codes: 0 shown; 1 the CIB cannot be read; 69 the daemon cannot be reached."})
public final class StatusCommand implements Callable<Integer> {
    /** A bound on --watch: at most this many refreshes (a day at the shortest interval). */
    static final int MAX_REFRESHES = 86_400;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ClusterState state;

    @Option(names = {"-b", "--brief"}, description = "one line per resource, no summary")
    boolean brief;

    @Option(names = {"-r", "--inactive"}, description = "also show resources that are not running")
    boolean inactive;

    @Option(names = {"-w", "--watch"}, description = "refresh until interrupted (Ctrl-C) or --count refreshes")
    boolean watch;

    @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "2",
            description = "seconds between refreshes with --watch (default: ${DEFAULT-VALUE})")
    int intervalSeconds;

    @Option(names = "--count", paramLabel = "N", defaultValue = "" + MAX_REFRESHES,
            description = "with --watch, stop after N refreshes (default and maximum: ${DEFAULT-VALUE})")
    int count;

    @Option(names = "--output", paramLabel = "FORMAT", description = "text (default) or json", defaultValue = "text")
    OutputFormat output;

    @Override
    public Integer call() {
        if (intervalSeconds < 1 || intervalSeconds > 3600) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--interval must be between 1 and 3600 seconds, not " + intervalSeconds);
        }
        if (count < 1 || count > MAX_REFRESHES) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--count must be between 1 and " + MAX_REFRESHES + ", not " + count);
        }
        if (!watch) {
            return showOnce(false);
        }
        boolean terminal = System.console() != null && output == OutputFormat.text;
        for (int i = 0; i < count; i++) {
            int rc = showOnce(terminal);
            if (rc != 0) {
                return rc;
            }
            if (i + 1 < count) {
                try {
                    Thread.sleep(intervalSeconds * 1000L);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return 0;
                }
            }
        }
        return 0;
    }

    private int showOnce(boolean clearScreen) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        StatusReport report;
        try {
            report = report(state.read(true));
        } catch (RuntimeException e) {
            return CibRunner.fail(e, err);
        }
        if (clearScreen) {
            out.print("\033[H\033[2J");
        }
        out.print(output == OutputFormat.json ? ApiCommands.json(report) + "\n"
                : StatusText.render(report, new StatusText.Options(brief, inactive)));
        out.flush();
        return 0;
    }

    /** The CIB's state plus, online, what the daemon knows better than the CIB (quorum, DC, fencing). */
    static StatusReport report(ClusterState.Read read) {
        StatusView view = StatusView.of(ClusterSnapshot.at(read.cib(), Instant.now()));
        String version = read.cib().version().toString();
        if (read.cluster() == null) {
            return new StatusReport(read.source(), null, version, view.dc(), view.quorum(), null, view, List.of());
        }
        var c = read.cluster();
        return new StatusReport(read.source(), c.cluster(), version, c.dc(), c.quorum().quorate(), c.quorum().reason(),
                view, read.controller() == null ? List.of() : read.controller().fencing());
    }
}
