package dev.vigil.cli.property;

import dev.vigil.cli.OutputFormat;
import dev.vigil.cli.edit.EditException;
import dev.vigil.cli.edit.NvSets;
import dev.vigil.cli.edit.OptionSpec;
import dev.vigil.cli.edit.Options;
import dev.vigil.cli.edit.ResourceArgs;
import dev.vigil.cli.edit.SettingEdits;
import dev.vigil.cli.source.CibRunner;
import dev.vigil.cli.source.CibTarget;
import dev.vigil.model.cib.Cib;
import java.util.ArrayList;
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

/** {@code vigil property set|unset|list}: cluster options (crm_config). */
@Command(name = "property", mixinStandardHelpOptions = true,
        description = {"Cluster properties (the crm_config options: stonith-enabled, no-quorum-policy…). Names are checked "
                + "against the documented ones and values against their type."},
        subcommands = {PropertyCommand.Set.class, PropertyCommand.Unset.class, PropertyCommand.ListCmd.class,
            CommandLine.HelpCommand.class})
public final class PropertyCommand {

    @Command(name = "set", mixinStandardHelpOptions = true, description = "Set cluster properties.",
            footer = {"", "Examples:", "  vigil property set stonith-enabled=false",
                "  vigil property set no-quorum-policy=ignore   (two nodes without a quorum device)",
                "  vigil property set cluster-recheck-interval=5min"})
    static final class Set implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        CibTarget target;
        @Parameters(paramLabel = "name=value", arity = "1..*")
        List<String> pairs;
        @Option(names = "--force", description = "set a name that is not documented, or a value of another type")
        boolean force;

        @Override
        public Integer call() {
            try {
                Map<String, String> values = ResourceArgs.pairs(pairs);
                for (Map.Entry<String, String> e : values.entrySet()) {
                    if (e.getValue().isEmpty()) {
                        throw new EditException("property set " + e.getKey() + "=: an empty value; use 'vigil property unset "
                                + e.getKey() + "' to go back to the default");
                    }
                }
                return CibRunner.edit(spec, target, SettingEdits.properties(values, force),
                        cib -> "set " + String.join(" ", pairs));
            } catch (EditException e) {
                return CibRunner.fail(e, spec.commandLine().getErr());
            }
        }
    }

    @Command(name = "unset", mixinStandardHelpOptions = true, description = "Unset cluster properties (back to the default).",
            footer = {"", "Example:", "  vigil property unset no-quorum-policy"})
    static final class Unset implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        CibTarget target;
        @Parameters(paramLabel = "NAME", arity = "1..*")
        List<String> names;

        @Override
        public Integer call() {
            CibTarget t = target;
            return CibRunner.edit(spec, t, cib -> {
                Map<String, String> set = NvSets.allValues(cib.configuration().clusterProperties());
                Map<String, String> values = new LinkedHashMap<>();
                for (String n : names) {
                    if (!set.containsKey(n)) {
                        throw new dev.vigil.cli.edit.UnknownIdException("property '" + n + "' is not set"
                                + dev.vigil.cli.edit.Suggest.hint(n, set.keySet()));
                    }
                    values.put(n, null);
                }
                return SettingEdits.properties(values, true).apply(cib);
            }, cib -> "unset " + String.join(" ", names));
        }
    }

    /** One property as listed. */
    record PropertyView(String name, String value, String defaultValue, String type, String description) {
    }

    @Command(name = "list", aliases = {"show", "config"}, mixinStandardHelpOptions = true,
            description = "List the properties that are set; --all adds every documented one with its default and type.",
            footer = {"", "Examples:", "  vigil property list", "  vigil property list --all", "  vigil property list --output json"})
    static final class ListCmd implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        CibTarget target;
        @Option(names = "--all", description = "also the properties left at their defaults")
        boolean all;
        @Option(names = "--output", paramLabel = "FORMAT", description = "text (default) or json", defaultValue = "text")
        OutputFormat output;

        @Override
        public Integer call() {
            return CibRunner.read(spec, target, output, cib -> text(views(cib)), this::views);
        }

        List<PropertyView> views(Cib cib) {
            Map<String, String> set = NvSets.allValues(cib.configuration().clusterProperties());
            List<PropertyView> out = new ArrayList<>();
            set.forEach((name, value) -> {
                OptionSpec s = Options.CLUSTER.get(name);
                out.add(new PropertyView(name, value, s == null ? null : s.defaultValue(), s == null ? null : s.type(),
                        s == null ? null : s.description()));
            });
            if (all) {
                Options.CLUSTER.values().stream().filter(s -> !set.containsKey(s.name())).forEach(s -> out.add(
                        new PropertyView(s.name(), null, s.defaultValue(), s.type(), s.description())));
            }
            return out;
        }

        static String text(List<PropertyView> views) {
            StringBuilder b = new StringBuilder("Cluster Properties:\n");
            if (views.isEmpty()) {
                b.append("  (none set; --all lists the defaults)\n");
            }
            for (PropertyView v : views) {
                b.append("  ").append(v.name()).append(": ");
                b.append(v.value() != null ? v.value() : (v.defaultValue() == null ? "(unset)" : v.defaultValue()) + " (default)");
                b.append('\n');
            }
            return b.toString();
        }
    }
}
