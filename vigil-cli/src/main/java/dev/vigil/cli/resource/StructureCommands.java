package dev.vigil.cli.resource;

import dev.vigil.cli.OutputFormat;
import dev.vigil.cli.edit.EditException;
import dev.vigil.cli.edit.NvSets;
import dev.vigil.cli.edit.ResourceArgs;
import dev.vigil.cli.edit.OperationEdits;
import dev.vigil.cli.edit.StructureEdits;
import dev.vigil.cli.edit.Resources;
import dev.vigil.cli.edit.SettingEdits;
import dev.vigil.cli.source.CibRunner;
import dev.vigil.cli.source.CibTarget;
import dev.vigil.model.cib.NvSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** How resources are put together: groups, clones, operations, defaults, utilization. */
final class StructureCommands {
    private StructureCommands() {
    }

    /** {@code vigil resource group add|remove}. */
    @Command(name = "group", mixinStandardHelpOptions = true, description = "Groups: resources that run together, in order.",
            subcommands = {GroupCmd.Add.class, GroupCmd.Remove.class, CommandLine.HelpCommand.class})
    static final class GroupCmd {
        @Command(name = "add", mixinStandardHelpOptions = true,
                description = "Add primitives to a group (created when it does not exist), taking them out of where they were.",
                footer = {"", "Examples:", "  vigil resource group add web vip site",
                    "  vigil resource group add web cache --before site"})
        static final class Add implements Callable<Integer> {
            @Spec
            CommandLine.Model.CommandSpec spec;
            @Mixin
            CibTarget target;
            @Parameters(index = "0", paramLabel = "GROUP")
            String group;
            @Parameters(index = "1..*", paramLabel = "RESOURCE", arity = "1..*")
            List<String> members;
            @Option(names = "--before", paramLabel = "MEMBER")
            String before;
            @Option(names = "--after", paramLabel = "MEMBER")
            String after;

            @Override
            public Integer call() {
                if (before != null && after != null) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "give --before or --after, not both");
                }
                return CibRunner.edit(spec, target, StructureEdits.groupAdd(group, members, before, after),
                        cib -> "group '" + group + "' now: " + String.join(" ", Resources.require(cib.configuration(), group)
                                .children().stream().map(dev.vigil.model.cib.Resource::id).toList()));
            }
        }

        @Command(name = "remove", aliases = "ungroup", mixinStandardHelpOptions = true,
                description = "Take resources out of a group (to the top level); with none named, dissolve the group "
                        + "(constraints on the group are removed with it).",
                footer = {"", "Examples:", "  vigil resource group remove web cache", "  vigil resource group remove web"})
        static final class Remove implements Callable<Integer> {
            @Spec
            CommandLine.Model.CommandSpec spec;
            @Mixin
            CibTarget target;
            @Parameters(index = "0", paramLabel = "GROUP")
            String group;
            @Parameters(index = "1..*", paramLabel = "RESOURCE", arity = "0..*")
            List<String> members = List.of();

            @Override
            public Integer call() {
                return CibRunner.edit(spec, target, StructureEdits.groupRemove(group, members),
                        cib -> members.isEmpty() ? "group '" + group + "' dissolved"
                                : "took " + String.join(", ", members) + " out of group '" + group + "'");
            }
        }
    }

    /** {@code vigil resource clone ID [CLONE-ID] [name=value…]}. */
    @Command(name = "clone", mixinStandardHelpOptions = true,
            description = "Run a primitive or group on several nodes: wraps it in a clone (ID-clone unless named).",
            footer = {"", "Examples:", "  vigil resource clone ping", "  vigil resource clone ping ping-all clone-max=2 interleave=true"})
    static final class CloneCmd implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        CibTarget target;
        @Parameters(index = "0", paramLabel = "ID")
        String id;
        @Parameters(index = "1..*", paramLabel = "[CLONE-ID] name=value", arity = "0..*")
        List<String> args = List.of();

        @Override
        public Integer call() {
            return makeClone(spec, target, id, args, false);
        }
    }

    /** {@code vigil resource promotable ID [CLONE-ID] [name=value…]}. */
    @Command(name = "promotable", mixinStandardHelpOptions = true,
            description = "Like clone, with instances that can be promoted (promotable=true).",
            footer = {"", "Example:", "  vigil resource promotable db promoted-max=1 notify=true"})
    static final class Promotable implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        CibTarget target;
        @Parameters(index = "0", paramLabel = "ID")
        String id;
        @Parameters(index = "1..*", paramLabel = "[CLONE-ID] name=value", arity = "0..*")
        List<String> args = List.of();

        @Override
        public Integer call() {
            return makeClone(spec, target, id, args, true);
        }
    }

    static int makeClone(CommandLine.Model.CommandSpec spec, CibTarget target, String id, List<String> args, boolean promotable) {
        try {
            List<String> rest = new ArrayList<>(args);
            String cloneId = !rest.isEmpty() && !rest.get(0).contains("=") ? rest.remove(0) : null;
            Map<String, String> meta = ResourceArgs.pairs(rest);
            dev.vigil.cli.edit.Options.checkKnownValues("clone " + id, dev.vigil.cli.edit.Options.RESOURCE_META, meta);
            return CibRunner.edit(spec, target, StructureEdits.clone(id, cloneId, meta, promotable),
                    cib -> id + " cloned as '" + (cloneId != null ? cloneId : id + "-clone") + "'"
                            + (promotable ? " (promotable)" : ""));
        } catch (EditException e) {
            return CibRunner.fail(e, spec.commandLine().getErr());
        }
    }

    /** {@code vigil resource op add|remove}. */
    @Command(name = "op", mixinStandardHelpOptions = true, description = "A resource's operations.",
            subcommands = {Op.Add.class, Op.Remove.class, CommandLine.HelpCommand.class})
    static final class Op {
        @Command(name = "add", mixinStandardHelpOptions = true,
                description = "Add an operation (monitor, start, stop…) with its interval, timeout and other attributes.",
                footer = {"", "Examples:", "  vigil resource op add vip monitor interval=10s timeout=20s",
                    "  vigil resource op add db monitor interval=11s role=Promoted"})
        static final class Add implements Callable<Integer> {
            @Spec
            CommandLine.Model.CommandSpec spec;
            @Mixin
            CibTarget target;
            @Parameters(index = "0", paramLabel = "ID")
            String id;
            @Parameters(index = "1", paramLabel = "ACTION")
            String action;
            @Parameters(index = "2..*", paramLabel = "name=value", arity = "0..*")
            List<String> args = List.of();

            @Override
            public Integer call() {
                try {
                    ResourceArgs.OpArgs op = new ResourceArgs.OpArgs(action, ResourceArgs.pairs(args));
                    return CibRunner.edit(spec, target, OperationEdits.opAdd(id, op), cib -> "op " + action + " added to " + id);
                } catch (EditException e) {
                    return CibRunner.fail(e, spec.commandLine().getErr());
                }
            }
        }

        @Command(name = "remove", aliases = "delete", mixinStandardHelpOptions = true,
                description = "Remove operations by id, or by action (and interval).",
                footer = {"", "Examples:", "  vigil resource op remove vip monitor interval=10s",
                    "  vigil resource op remove vip vip-monitor-interval-10s"})
        static final class Remove implements Callable<Integer> {
            @Spec
            CommandLine.Model.CommandSpec spec;
            @Mixin
            CibTarget target;
            @Parameters(index = "0", paramLabel = "ID")
            String id;
            @Parameters(index = "1", paramLabel = "ACTION|OP-ID")
            String action;
            @Parameters(index = "2", paramLabel = "interval=DURATION", arity = "0..1")
            String interval;

            @Override
            public Integer call() {
                try {
                    String value = null;
                    if (interval != null) {
                        String[] p = ResourceArgs.pair(interval);
                        if (!p[0].equals("interval")) {
                            throw new EditException("op remove: expected interval=DURATION, not '" + interval + "'");
                        }
                        value = p[1];
                    }
                    return CibRunner.edit(spec, target, OperationEdits.opRemove(id, action, value),
                            cib -> "op " + action + " removed from " + id);
                } catch (EditException e) {
                    return CibRunner.fail(e, spec.commandLine().getErr());
                }
            }
        }
    }

    /** Shared shape of defaults / op-defaults: no pairs shows, pairs set. */
    abstract static class NameValueCommand implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        CibTarget target;
        @Parameters(paramLabel = "name=value", arity = "0..*", description = "set (an empty value removes); none: show")
        List<String> pairs = List.of();
        @Option(names = "--force", description = "set names that are not documented")
        boolean force;
        @Option(names = "--output", paramLabel = "FORMAT", description = "text (default) or json, when showing",
                defaultValue = "text")
        OutputFormat output;

        abstract Function<dev.vigil.model.cib.Configuration, List<NvSet>> sets();

        abstract dev.vigil.cli.edit.CibEdit edit(Map<String, String> values);

        abstract String what();

        @Override
        public Integer call() {
            if (pairs.isEmpty()) {
                return CibRunner.read(spec, target, output, cib -> {
                    Map<String, String> v = NvSets.allValues(sets().apply(cib.configuration()));
                    StringBuilder b = new StringBuilder();
                    if (v.isEmpty()) {
                        b.append("no ").append(what()).append(" set\n");
                    }
                    v.forEach((k, x) -> b.append(k).append(": ").append(x).append('\n'));
                    return b.toString();
                }, cib -> NvSets.allValues(sets().apply(cib.configuration())));
            }
            try {
                Map<String, String> values = ResourceArgs.pairs(pairs);
                return CibRunner.edit(spec, target, edit(values), cib -> what() + " set: " + String.join(" ", pairs));
            } catch (EditException e) {
                return CibRunner.fail(e, spec.commandLine().getErr());
            }
        }
    }

    @Command(name = "defaults", mixinStandardHelpOptions = true,
            description = "Show or set resource defaults (meta attributes every resource gets unless it sets its own).",
            footer = {"", "Examples:", "  vigil resource defaults", "  vigil resource defaults resource-stickiness=100",
                "  vigil resource defaults migration-threshold="})
    static final class Defaults extends NameValueCommand {
        @Override
        Function<dev.vigil.model.cib.Configuration, List<NvSet>> sets() {
            return dev.vigil.model.cib.Configuration::rscDefaults;
        }

        @Override
        dev.vigil.cli.edit.CibEdit edit(Map<String, String> values) {
            return SettingEdits.resourceDefaults(values, force);
        }

        @Override
        String what() {
            return "resource defaults";
        }
    }

    @Command(name = "op-defaults", mixinStandardHelpOptions = true,
            description = "Show or set operation defaults (timeout, record-pending, on-fail…).",
            footer = {"", "Examples:", "  vigil resource op-defaults", "  vigil resource op-defaults timeout=60s"})
    static final class OpDefaults extends NameValueCommand {
        @Override
        Function<dev.vigil.model.cib.Configuration, List<NvSet>> sets() {
            return dev.vigil.model.cib.Configuration::opDefaults;
        }

        @Override
        dev.vigil.cli.edit.CibEdit edit(Map<String, String> values) {
            return SettingEdits.opDefaults(values, force);
        }

        @Override
        String what() {
            return "operation defaults";
        }
    }

    /** {@code vigil resource utilization ID [name=value…]}. */
    @Command(name = "utilization", mixinStandardHelpOptions = true,
            description = "Show or set what a resource uses (compared with node capacities when placement-strategy is "
                    + "not default).",
            footer = {"", "Examples:", "  vigil resource utilization db cpu=2 memory=2048", "  vigil resource utilization db"})
    static final class Utilization implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        CibTarget target;
        @Parameters(index = "0", paramLabel = "ID")
        String id;
        @Parameters(index = "1..*", paramLabel = "name=value", arity = "0..*")
        List<String> pairs = List.of();
        @Option(names = "--output", paramLabel = "FORMAT", description = "text (default) or json", defaultValue = "text")
        OutputFormat output;

        @Override
        public Integer call() {
            if (pairs.isEmpty()) {
                return CibRunner.read(spec, target, output, cib -> {
                    Map<String, String> v = NvSets.allValues(Resources.requirePrimitive(cib.configuration(), id).utilization());
                    StringBuilder b = new StringBuilder(id).append(':');
                    v.forEach((k, x) -> b.append(' ').append(k).append('=').append(x));
                    return b.append('\n').toString();
                }, cib -> NvSets.allValues(Resources.requirePrimitive(cib.configuration(), id).utilization()));
            }
            try {
                return CibRunner.edit(spec, target, OperationEdits.utilization(id, ResourceArgs.pairs(pairs)),
                        cib -> id + " utilization set: " + String.join(" ", pairs));
            } catch (EditException e) {
                return CibRunner.fail(e, spec.commandLine().getErr());
            }
        }
    }
}
