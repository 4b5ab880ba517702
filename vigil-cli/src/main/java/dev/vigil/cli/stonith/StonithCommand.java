package dev.vigil.cli.stonith;

import dev.vigil.api.ApiClient;
import dev.vigil.api.ApiException;
import dev.vigil.api.ApiTypes;
import dev.vigil.cli.ApiCommands;
import dev.vigil.cli.ApiOptions;
import dev.vigil.cli.OutputFormat;
import dev.vigil.cli.edit.EditException;
import dev.vigil.cli.edit.FencingEdits;
import dev.vigil.cli.edit.ResourceArgs;
import dev.vigil.cli.edit.ResourceEdits;
import dev.vigil.cli.resource.AgentLookup;
import dev.vigil.cli.show.Text;
import dev.vigil.cli.show.Views;
import dev.vigil.cli.source.CibRunner;
import dev.vigil.cli.source.CibTarget;
import dev.vigil.exec.AgentMetadata;
import dev.vigil.exec.AgentSpec;
import dev.vigil.model.cib.Resource;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil stonith ...}: fence devices and the fencing topology. */
@Command(name = "stonith", mixinStandardHelpOptions = true,
        description = {"Fence devices (stonith resources), the agents for them, fencing levels and fencing history."},
        subcommands = {StonithCommand.Create.class, StonithCommand.ListAgents.class, StonithCommand.Describe.class,
            StonithCommand.Show.class, StonithCommand.Level.class, StonithCommand.History.class, StonithCommand.Fence.class,
            CommandLine.HelpCommand.class})
public final class StonithCommand {

    static AgentSpec fenceAgent(String name) {
        return new AgentSpec(AgentSpec.STONITH, null, name.startsWith("stonith:") ? name.substring("stonith:".length()) : name);
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Create a fence device: a stonith resource running a fence agent (fence_ipmilan, fence_xvm…), "
                    + "its options checked against the agent's meta-data."},
            footer = {"", "Examples:",
                "  vigil stonith create ipmi-node1 fence_ipmilan ip=10.0.0.1 username=admin password=secret pcmk_host_list=node1",
                "  vigil stonith create xvm fence_xvm pcmk_host_map=\"node1:vm1;node2:vm2\" op monitor interval=60s"})
    static final class Create implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        CibTarget target;
        @Parameters(index = "0", paramLabel = "ID")
        String id;
        @Parameters(index = "1", paramLabel = "AGENT")
        String agent;
        @Parameters(index = "2..*", paramLabel = "ARG", arity = "0..*")
        List<String> args = List.of();
        @Option(names = "--disabled")
        boolean disabled;
        @Option(names = "--force", description = "create it even if the agent is not installed here or its options do not match")
        boolean force;

        @Override
        public Integer call() {
            try {
                ResourceArgs parsed = ResourceArgs.parse(args);
                AgentSpec spec0 = fenceAgent(agent);
                AgentMetadata md = AgentLookup.fromEnvironment().metadataOrForced(spec0, force);
                return CibRunner.edit(spec, target, ResourceEdits.create(new ResourceEdits.Create(id, AgentSpec.STONITH, null,
                        spec0.type(), parsed, null, disabled, md, force)), cib -> "fence device '" + id + "' (" + spec0 + ") created");
            } catch (EditException e) {
                return CibRunner.fail(e, spec.commandLine().getErr());
            }
        }
    }

    @Command(name = "list", aliases = "list-agents", mixinStandardHelpOptions = true,
            description = "List the fence agents installed on this node (fence_* in /usr/sbin and Vigil's own).",
            footer = {"", "Example:", "  vigil stonith list"})
    static final class ListAgents implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--output", paramLabel = "FORMAT", description = "text (default) or json", defaultValue = "text")
        OutputFormat output;

        @Override
        public Integer call() {
            List<String> agents = AgentLookup.fromEnvironment().list(AgentSpec.STONITH).stream().map(AgentSpec::type).toList();
            PrintWriter out = spec.commandLine().getOut();
            if (output == OutputFormat.json) {
                out.println(ApiCommands.json(agents));
            } else {
                agents.forEach(out::println);
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "describe", mixinStandardHelpOptions = true, description = "Describe a fence agent's options.",
            footer = {"", "Example:", "  vigil stonith describe fence_ipmilan"})
    static final class Describe implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "AGENT")
        String agent;
        @Option(names = "--output", paramLabel = "FORMAT", description = "text (default) or json", defaultValue = "text")
        OutputFormat output;

        @Override
        public Integer call() {
            return dev.vigil.cli.resource.AgentCommands.describe(spec, "stonith:" + fenceAgent(agent).type(), output);
        }
    }

    @Command(name = "show", aliases = "config", mixinStandardHelpOptions = true,
            description = "Show the configured fence devices and fencing levels.",
            footer = {"", "Example:", "  vigil stonith show"})
    static final class Show implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        CibTarget target;
        @Option(names = "--output", paramLabel = "FORMAT", description = "text (default) or json", defaultValue = "text")
        OutputFormat output;

        @Override
        public Integer call() {
            return CibRunner.read(spec, target, output, cib -> {
                List<Resource> devices = dev.vigil.cli.edit.Resources.all(cib.configuration()).stream()
                        .filter(FencingEdits::isStonith).toList();
                StringBuilder b = new StringBuilder(Text.resources(devices));
                if (devices.isEmpty()) {
                    b.append("no fence devices\n");
                }
                Views.config(cib, Instant.now()).fencingLevels().forEach(l -> b.append("Level ").append(l.level())
                        .append(" for ").append(l.target()).append(": ").append(String.join(",", l.devices())).append('\n'));
                return b.toString();
            }, cib -> dev.vigil.cli.edit.Resources.all(cib.configuration()).stream().filter(FencingEdits::isStonith)
                    .map(Views::resource).toList());
        }
    }

    @Command(name = "level", mixinStandardHelpOptions = true,
            description = "Fencing levels: which devices to try for a node, level 1 first, all devices of a level together.",
            subcommands = {Level.Add.class, Level.Remove.class, CommandLine.HelpCommand.class})
    static final class Level {
        @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a fencing level.",
                footer = {"", "Examples:", "  vigil stonith level add 1 node1 ipmi-node1", "  vigil stonith level add 2 node1 pdu1,pdu2"})
        static final class Add implements Callable<Integer> {
            @Spec
            CommandLine.Model.CommandSpec spec;
            @Mixin
            CibTarget target;
            @Parameters(index = "0", paramLabel = "LEVEL")
            int level;
            @Parameters(index = "1", paramLabel = "NODE")
            String node;
            @Parameters(index = "2..*", paramLabel = "DEVICE", arity = "1..*", split = ",")
            List<String> devices;
            @Option(names = "--force", description = "name a node that is not (yet) in the configuration")
            boolean force;

            @Override
            public Integer call() {
                return CibRunner.edit(spec, target, FencingEdits.levelAdd(level, node, devices, force),
                        cib -> "level " + level + " for " + node + ": " + String.join(",", devices));
            }
        }

        @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a node's fencing level (all when no level).",
                footer = {"", "Example:", "  vigil stonith level remove node1 2"})
        static final class Remove implements Callable<Integer> {
            @Spec
            CommandLine.Model.CommandSpec spec;
            @Mixin
            CibTarget target;
            @Parameters(index = "0", paramLabel = "NODE")
            String node;
            @Parameters(index = "1", paramLabel = "LEVEL", arity = "0..1")
            Integer level;

            @Override
            public Integer call() {
                return CibRunner.edit(spec, target, FencingEdits.levelRemove(level, node),
                        cib -> "removed fencing level" + (level == null ? "s" : " " + level) + " of " + node);
            }
        }
    }

    @Command(name = "history", mixinStandardHelpOptions = true,
            description = "Fencing this node's controller knows of, oldest first (from controller.status).",
            footer = {"", "Examples:", "  vigil stonith history", "  vigil stonith history node2 --output json"})
    static final class History implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        ApiOptions api;
        @Parameters(paramLabel = "NODE", arity = "0..1", description = "only fencing of this node")
        String node;
        @Option(names = "--output", paramLabel = "FORMAT", description = "text (default) or json", defaultValue = "text")
        OutputFormat output;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (ApiClient client = api.connect()) {
                ApiTypes.ControllerStatus s = client.call(ApiTypes.CONTROLLER_STATUS, new ApiTypes.NoArgs(),
                        ApiTypes.ControllerStatus.class);
                List<ApiTypes.FenceEvent> events = s.fencing().stream().filter(e -> node == null || node.equals(e.target())).toList();
                if (output == OutputFormat.json) {
                    out.println(ApiCommands.json(events));
                } else {
                    if (events.isEmpty()) {
                        out.println("no fencing" + (node == null ? "" : " of " + node) + " recorded");
                    }
                    for (ApiTypes.FenceEvent e : events) {
                        out.println(Instant.ofEpochMilli(e.completedAtMillis()) + "  " + e.action() + " " + e.target() + ": "
                                + (e.success() ? "done" : "FAILED") + " by " + e.executor() + " for " + e.origin()
                                + (e.devices().isEmpty() ? "" : " with " + String.join(",", e.devices()))
                                + (e.reason() == null || e.reason().isEmpty() ? "" : " (" + e.reason() + ")"));
                    }
                }
                out.flush();
                return 0;
            } catch (ApiException e) {
                return ApiCommands.report(e, spec.commandLine().getErr());
            }
        }
    }

    @Command(name = "fence", mixinStandardHelpOptions = true,
            description = {"Fence a node now (reboot, or power it off with --off) through the DC, and wait for the result.",
                "The DC and the node asked cannot be fenced this way; the result joins the fencing history."},
            footer = {"", "Examples:", "  vigil stonith fence node2", "  vigil stonith fence node3 --off"})
    static final class Fence implements Callable<Integer> {
        /** Longer than the daemon's own bound with the default stonith-timeout (2 x 60s + cluster-delay + margin). */
        private static final java.time.Duration WAIT = java.time.Duration.ofMinutes(5);
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        ApiOptions api;
        @Parameters(paramLabel = "NODE", description = "the node to fence")
        String node;
        @Option(names = "--off", description = "power the node off instead of rebooting it")
        boolean off;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (ApiClient client = api.connect(WAIT)) {
                ApiTypes.FenceResult r = client.call(ApiTypes.STONITH_FENCE,
                        new ApiTypes.FenceArgs(node, off ? "off" : "reboot"), ApiTypes.FenceResult.class);
                out.println("Node " + r.node() + " fenced (" + r.action() + "): " + r.message());
                out.flush();
                return 0;
            } catch (ApiException e) {
                return ApiCommands.report(e, spec.commandLine().getErr());
            }
        }
    }
}
