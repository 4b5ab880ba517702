package dev.vigil.cli.config;

import dev.vigil.cli.OutputFormat;
import dev.vigil.cli.show.Text;
import dev.vigil.cli.show.Views;
import dev.vigil.cli.source.CibRunner;
import dev.vigil.cli.source.CibTarget;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil config show}: the whole configuration, readable. */
@Command(name = "config", mixinStandardHelpOptions = true, description = "The cluster's configuration as a whole.",
        subcommands = {ConfigCommand.Show.class, CommandLine.HelpCommand.class})
public final class ConfigCommand {

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = {"Show the configuration as pcs config does: resources, fence devices and levels, constraints "
                    + "(with what move/ban left), defaults, cluster properties, nodes. The XML: 'vigil cib export'."},
            footer = {"", "Examples:", "  vigil config show", "  vigil config show -f cib.xml", "  vigil config show --output json"})
    static final class Show implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        CibTarget target;
        @Option(names = "--output", paramLabel = "FORMAT", description = "text (default) or json", defaultValue = "text")
        OutputFormat output;

        @Override
        public Integer call() {
            Instant now = Instant.now();
            return CibRunner.read(spec, target, output, cib -> Text.config(cib, now), cib -> Views.config(cib, now));
        }
    }
}
