package dev.vigil.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code vigil} command; subcommands register themselves in {@link #commandLine()}. */
@Command(name = "vigil", mixinStandardHelpOptions = true, versionProvider = VigilCommand.Version.class,
        description = "Vigil: a high-availability cluster manager for Linux services.",
        subcommands = {CommandLine.HelpCommand.class, SimulateCommand.class, ClusterCommand.class, CibCommand.class,
            NodeCommand.class, KeygenCommand.class, dev.vigil.cli.resource.ResourceCommand.class,
            dev.vigil.cli.constraint.ConstraintCommand.class, dev.vigil.cli.property.PropertyCommand.class,
            dev.vigil.cli.stonith.StonithCommand.class, dev.vigil.cli.config.ConfigCommand.class, StatusCommand.class,
            ExplainCommand.class, CrmCommandLine.class, ImportCommand.class, CompletionCommand.class})
public final class VigilCommand {

    /** A command line with every offline subcommand of this module. */
    public static CommandLine commandLine() {
        return new CommandLine(new VigilCommand());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = VigilCommand.class.getPackage().getImplementationVersion();
            return new String[] {"vigil " + (v == null ? "0.1.0-SNAPSHOT" : v)};
        }
    }
}
