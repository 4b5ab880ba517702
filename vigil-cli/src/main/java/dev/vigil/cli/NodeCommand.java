package dev.vigil.cli;

import dev.vigil.api.ApiClient;
import dev.vigil.api.ApiException;
import dev.vigil.api.ApiTypes;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil node ...}: one node. */
@Command(name = "node", mixinStandardHelpOptions = true, description = "One node of the cluster.",
        subcommands = {NodeCommand.Attribute.class, dev.vigil.cli.node.NodeSettingCommands.Standby.class,
            dev.vigil.cli.node.NodeSettingCommands.Unstandby.class, dev.vigil.cli.node.NodeSettingCommands.Maintenance.class,
            dev.vigil.cli.node.NodeSettingCommands.Utilization.class, CommandLine.HelpCommand.class})
public final class NodeCommand {

    /** {@code vigil node attribute NODE NAME [VALUE] [--delete] [--lifetime reboot|forever]}. */
    @Command(name = "attribute", mixinStandardHelpOptions = true,
            description = {"Show, set or delete a node attribute (of any node, from any node).",
                "lifetime forever (the default) keeps it in the configuration; reboot keeps it in the status "
                        + "section while the node is a member, and it is gone when the node leaves."},
            footer = {"", "Examples:", "  vigil node attribute node1 standby on", "  vigil node attribute node1 standby",
                "  vigil node attribute node2 pingd 100 --lifetime reboot", "  vigil node attribute node1 standby --delete"})
    static final class Attribute implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        ApiOptions api;

        @Parameters(index = "0", paramLabel = "NODE")
        String node;

        @Parameters(index = "1", paramLabel = "NAME")
        String name;

        @Parameters(index = "2", paramLabel = "VALUE", arity = "0..1", description = "set to this value (omit to show it)")
        String value;

        @Option(names = "--delete", description = "delete the attribute")
        boolean delete;

        @Option(names = "--lifetime", paramLabel = "LIFETIME", description = "reboot or forever (default: ${DEFAULT-VALUE})",
                defaultValue = "forever")
        String lifetime;

        @Option(names = "--output", paramLabel = "FORMAT", description = "text (default) or json", defaultValue = "text")
        OutputFormat output;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            if (delete && value != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "give a VALUE or --delete, not both");
            }
            if (!lifetime.equals("reboot") && !lifetime.equals("forever")) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--lifetime must be reboot or forever, not '" + lifetime + "'");
            }
            try (ApiClient client = api.connect()) {
                ApiTypes.NodeAttributeResult r = client.call(ApiTypes.NODE_ATTRIBUTE,
                        new ApiTypes.NodeAttributeArgs(node, name, value, delete ? Boolean.TRUE : null, lifetime),
                        ApiTypes.NodeAttributeResult.class);
                if (output == OutputFormat.json) {
                    out.println(ApiCommands.json(r));
                } else if (value == null && !delete) {
                    out.println(r.value());
                } else {
                    out.println(r.node() + ": " + (r.value() == null ? r.name() + " deleted" : r.name() + "=" + r.value())
                            + " (lifetime " + r.lifetime() + ", CIB " + r.version() + ")");
                }
                out.flush();
                return 0;
            } catch (ApiException e) {
                return ApiCommands.report(e, spec.commandLine().getErr());
            }
        }
    }
}
