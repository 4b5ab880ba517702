package dev.vigil.cli.resource;

import dev.vigil.api.ApiClient;
import dev.vigil.api.ApiException;
import dev.vigil.api.ApiTypes;
import dev.vigil.cli.OutputFormat;
import dev.vigil.cli.edit.EditException;
import dev.vigil.cli.edit.NvSets;
import dev.vigil.cli.edit.ResourceEdits;
import dev.vigil.cli.edit.Resources;
import dev.vigil.cli.show.StatusFacts;
import dev.vigil.cli.source.CibRunner;
import dev.vigil.cli.source.CibTarget;
import dev.vigil.model.cib.Cib;
import dev.vigil.model.cib.Resource;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Commands that act on running resources: restart, cleanup, failcount. They need the cluster (except failcount show). */
final class RuntimeCommands {
    private RuntimeCommands() {
    }

    static void requireOnline(CibTarget target, String command) {
        if (target.offline()) {
            throw new EditException(command + " acts on the running cluster; it cannot work on a file (-f)");
        }
    }

    /** {@code vigil resource restart ID}. */
    @Command(name = "restart", mixinStandardHelpOptions = true,
            description = {"Restart a resource: stop it (target-role=Stopped), wait until the status shows it stopped "
                    + "everywhere, then let it start again and wait until it runs. Its earlier target-role, if any, is "
                    + "restored. Exit 1 when it did not stop or start within --timeout (each)."},
            footer = {"", "Example:", "  vigil resource restart web --timeout 2min"})
    static final class Restart implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        CibTarget target;
        @Parameters(paramLabel = "ID")
        String id;
        @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "60s",
                description = "how long to wait for the stop (default ${DEFAULT-VALUE})")
        String timeout;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try {
                requireOnline(target, "restart");
                Duration wait = Duration.ofMillis(dev.vigil.model.Durations.parseMillisOr(timeout, -1));
                if (wait.isNegative() || wait.isZero()) {
                    throw new EditException("--timeout '" + timeout + "' is not a positive duration");
                }
                Cib before = target.source(false).read().cib();
                Resource r = Resources.require(before.configuration(), id);
                String role = NvSets.allValues(r.metaAttributes()).get("target-role");
                if ("Stopped".equalsIgnoreCase(role)) {
                    throw new EditException("'" + id + "' is disabled (target-role=Stopped); enable it instead");
                }
                int code = CibRunner.edit(spec, target, ResourceEdits.enable(List.of(id), false), cib -> "stopping " + id);
                if (code != 0) {
                    return code;
                }
                boolean stopped = waitFor(wait, false);
                code = CibRunner.edit(spec, target, cib -> ResourceEdits.setMetaEdit(id, role).apply(cib),
                        cib -> "starting " + id);
                if (code != 0) {
                    return code;
                }
                if (!stopped) {
                    return notInTime(id + " did not show as stopped within " + timeout + "; it was let start again");
                }
                if (!waitFor(wait, true)) {
                    return notInTime(id + " did not start again within " + timeout);
                }
                out.println(id + " restarted on " + String.join(", ", StatusFacts.runningOn(target.source(false).read().cib(), id)));
                out.flush();
                return 0;
            } catch (RuntimeException e) {
                return CibRunner.fail(e, spec.commandLine().getErr());
            }
        }

        /** The configuration is as before, but the resource did not follow in time: say so, exit 1. */
        private int notInTime(String what) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("vigil: " + what + " (see vigil status)");
            err.flush();
            return dev.vigil.cli.ApiCommands.FAILED;
        }

        /** Polls the status (every 0.5 s, at most {@code wait}) until the resource runs somewhere, or nowhere. */
        private boolean waitFor(Duration wait, boolean running) {
            long deadline = System.nanoTime() + wait.toNanos();
            while (System.nanoTime() < deadline) {
                if (StatusFacts.runningOn(target.source(false).read().cib(), id).isEmpty() != running) {
                    return true;
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return false;
        }
    }

    /** {@code vigil resource cleanup [ID] [--node N]}. */
    @Command(name = "cleanup", mixinStandardHelpOptions = true,
            description = {"Forget the failures and operation history of a resource (every resource with a failure when "
                    + "none is named) on a node (every node when none is named): the cluster probes it afresh and may "
                    + "start it again where failures had kept it away. Says what it will re-probe first."},
            footer = {"", "Examples:", "  vigil resource cleanup", "  vigil resource cleanup web --node node1"})
    static final class Cleanup implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        CibTarget target;
        @Parameters(paramLabel = "ID", arity = "0..1")
        String id;
        @Option(names = "--node", paramLabel = "NODE")
        String node;

        @Override
        public Integer call() {
            return cleanup(spec, target, id, node);
        }
    }

    static int cleanup(CommandLine.Model.CommandSpec spec, CibTarget target, String id, String node) {
        PrintWriter out = spec.commandLine().getOut();
        try {
            requireOnline(target, "cleanup");
            Cib cib = target.source(false).read().cib();
            if (id != null) {
                Resources.require(cib.configuration(), id);
            }
            if (node != null) {
                dev.vigil.cli.edit.SettingEdits.requireNode(cib.configuration(), node);
            }
            List<StatusFacts.Failure> failures = StatusFacts.failures(cib, id, node);
            List<StatusFacts.FailCount> counts = StatusFacts.failCounts(cib, id, node);
            if (failures.isEmpty() && counts.isEmpty()) {
                out.println("no recorded failures" + (id == null ? "" : " of " + id) + (node == null ? "" : " on " + node)
                        + "; the history is forgotten anyway and re-probed");
            } else {
                out.println("forgetting these failures; the cluster re-probes and may start again what they held back:");
                failures.forEach(f -> out.println("  " + f.describe()));
                counts.forEach(c -> out.println("  fail count " + c.resource() + " " + c.operation() + " on " + c.node() + ": "
                        + c.count()));
            }
            try (ApiClient client = target.api().connect()) {
                client.call(ApiTypes.RESOURCE_CLEANUP, new ApiTypes.CleanupArgs(id, node), ApiTypes.CleanupResult.class);
            }
            out.println("cleanup requested" + (id == null ? "" : " for " + id) + (node == null ? " on every node" : " on " + node));
            out.flush();
            return 0;
        } catch (ApiException | EditException e) {
            out.flush();
            return CibRunner.fail(e, spec.commandLine().getErr());
        }
    }

    /** {@code vigil resource failcount show|reset}. */
    @Command(name = "failcount", mixinStandardHelpOptions = true, description = "Fail counts: show them, or reset them.",
            subcommands = {Failcount.Show.class, Failcount.Reset.class, CommandLine.HelpCommand.class})
    static final class Failcount {
        /** {@code failcount show [ID] [--node N]}. */
        @Command(name = "show", mixinStandardHelpOptions = true,
                description = "Fail counts per resource, node and operation, from the status section.",
                footer = {"", "Examples:", "  vigil resource failcount show", "  vigil resource failcount show web --output json"})
        static final class Show implements Callable<Integer> {
            @Spec
            CommandLine.Model.CommandSpec spec;
            @Mixin
            CibTarget target;
            @Parameters(paramLabel = "ID", arity = "0..1")
            String id;
            @Option(names = "--node", paramLabel = "NODE")
            String node;
            @Option(names = "--output", paramLabel = "FORMAT", description = "text (default) or json", defaultValue = "text")
            OutputFormat output;

            @Override
            public Integer call() {
                return CibRunner.read(spec, target, output, cib -> {
                    List<StatusFacts.FailCount> counts = StatusFacts.failCounts(cib, id, node);
                    StringBuilder b = new StringBuilder();
                    if (counts.isEmpty()) {
                        b.append("no fail counts").append(id == null ? "" : " for " + id).append('\n');
                    }
                    counts.forEach(c -> b.append(c.resource()).append(' ').append(c.operation()).append(" on ")
                            .append(c.node()).append(": ").append(c.count()).append('\n'));
                    return b.toString();
                }, cib -> StatusFacts.failCounts(cib, id, node));
            }
        }

        /** {@code failcount reset [ID] [--node N]}: a cleanup, which is how fail counts are reset. */
        @Command(name = "reset", mixinStandardHelpOptions = true,
                description = "Reset fail counts (a cleanup of the resource: its failures are forgotten and it is re-probed).",
                footer = {"", "Example:", "  vigil resource failcount reset web --node node1"})
        static final class Reset implements Callable<Integer> {
            @Spec
            CommandLine.Model.CommandSpec spec;
            @Mixin
            CibTarget target;
            @Parameters(paramLabel = "ID", arity = "0..1")
            String id;
            @Option(names = "--node", paramLabel = "NODE")
            String node;

            @Override
            public Integer call() {
                return cleanup(spec, target, id, node);
            }
        }
    }
}
