package dev.vigil.cli.node;

import dev.vigil.cli.OutputFormat;
import dev.vigil.cli.edit.EditException;
import dev.vigil.cli.edit.NvSets;
import dev.vigil.cli.edit.ResourceArgs;
import dev.vigil.cli.edit.SettingEdits;
import dev.vigil.cli.source.CibRunner;
import dev.vigil.cli.source.CibTarget;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vigil node standby|unstandby|maintenance|utilization}: node settings kept in the
 * configuration (permanent node attributes and utilization), edited like every other setting.
 */
public final class NodeSettingCommands {
    private NodeSettingCommands() {
    }

    /** The nodes named, or every configured node with --all. */
    abstract static class NodeFlag implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        CibTarget target;
        @Parameters(paramLabel = "NODE", arity = "0..*")
        List<String> nodes = List.of();
        @Option(names = "--all", description = "every node of the configuration")
        boolean all;

        abstract String attribute();

        abstract boolean on();

        @Override
        public Integer call() {
            if (all == !nodes.isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "name the nodes or give --all (one of the two)");
            }
            Map<String, String> v = new LinkedHashMap<>();
            v.put(attribute(), on() ? "on" : null);
            return CibRunner.edit(spec, target, cib -> {
                List<String> names = all ? cib.configuration().nodes().stream().map(n -> n.uname() != null ? n.uname() : n.id())
                        .toList() : nodes;
                if (names.isEmpty()) {
                    throw new EditException("the configuration lists no nodes");
                }
                return SettingEdits.nodeAttributes(names, v).apply(cib);
            }, cib -> (all ? "every node" : String.join(", ", nodes)) + ": " + attribute() + (on() ? " on" : " off"));
        }
    }

    @Command(name = "standby", mixinStandardHelpOptions = true,
            description = "Put nodes in standby: they run no resources (moved elsewhere) until unstandby.",
            footer = {"", "Examples:", "  vigil node standby node1", "  vigil node standby --all"})
    public static final class Standby extends NodeFlag {
        @Override
        String attribute() {
            return "standby";
        }

        @Override
        boolean on() {
            return true;
        }
    }

    @Command(name = "unstandby", mixinStandardHelpOptions = true, description = "Let nodes run resources again.",
            footer = {"", "Example:", "  vigil node unstandby node1"})
    public static final class Unstandby extends NodeFlag {
        @Override
        String attribute() {
            return "standby";
        }

        @Override
        boolean on() {
            return false;
        }
    }

    @Command(name = "maintenance", mixinStandardHelpOptions = true,
            description = "Put nodes in maintenance (resources there are left alone, not monitored); --off ends it.",
            footer = {"", "Examples:", "  vigil node maintenance node2", "  vigil node maintenance node2 --off"})
    public static final class Maintenance extends NodeFlag {
        @Option(names = "--off", description = "end maintenance")
        boolean off;

        @Override
        String attribute() {
            return "maintenance";
        }

        @Override
        boolean on() {
            return !off;
        }
    }

    @Command(name = "utilization", mixinStandardHelpOptions = true,
            description = "Show or set a node's capacities (used when placement-strategy is not default).",
            footer = {"", "Examples:", "  vigil node utilization node1 cpu=8 memory=16384", "  vigil node utilization node1"})
    public static final class Utilization implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        CibTarget target;
        @Parameters(index = "0", paramLabel = "NODE")
        String node;
        @Parameters(index = "1..*", paramLabel = "name=value", arity = "0..*")
        List<String> pairs = List.of();
        @Option(names = "--output", paramLabel = "FORMAT", description = "text (default) or json", defaultValue = "text")
        OutputFormat output;

        @Override
        public Integer call() {
            if (pairs.isEmpty()) {
                return CibRunner.read(spec, target, output, cib -> {
                    StringBuilder b = new StringBuilder(node).append(':');
                    NvSets.allValues(SettingEdits.requireNode(cib.configuration(), node).utilization())
                            .forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
                    return b.append('\n').toString();
                }, cib -> NvSets.allValues(SettingEdits.requireNode(cib.configuration(), node).utilization()));
            }
            try {
                return CibRunner.edit(spec, target, SettingEdits.nodeUtilization(node, ResourceArgs.pairs(pairs)),
                        cib -> node + " utilization set: " + String.join(" ", pairs));
            } catch (EditException e) {
                return CibRunner.fail(e, spec.commandLine().getErr());
            }
        }
    }
}
