package dev.vigil.cli;

import dev.vigil.api.ApiClient;
import dev.vigil.api.ApiException;
import dev.vigil.api.ApiTypes;
import dev.vigil.api.ApiTypes.ClusterStatus;
import dev.vigil.api.ApiTypes.NodeInfo;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil cluster ...}: the cluster as a whole. */
@Command(name = "cluster", mixinStandardHelpOptions = true, description = "The cluster as a whole.",
        subcommands = {ClusterCommand.Status.class, ClusterSetupCommands.Setup.class, ClusterSetupCommands.Start.class,
            ClusterSetupCommands.Stop.class, ClusterSetupCommands.Destroy.class, ClusterSetupCommands.Nodes.class,
            CommandLine.HelpCommand.class})
public final class ClusterCommand {

    /** {@code vigil cluster status}. */
    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Nodes online and offline, quorum and why, the DC and the CIB version, as this node sees them.")
    static final class Status implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        ApiOptions api;

        @Option(names = "--output", paramLabel = "FORMAT", description = "text (default) or json", defaultValue = "text")
        OutputFormat output;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (ApiClient client = api.connect()) {
                ClusterStatus s = client.call(ApiTypes.CLUSTER_STATUS, new ApiTypes.NoArgs(), ClusterStatus.class);
                out.print(output == OutputFormat.json ? ApiCommands.json(s) + "\n" : text(s));
                out.flush();
                return 0;
            } catch (ApiException e) {
                return ApiCommands.report(e, spec.commandLine().getErr());
            }
        }

        static String text(ClusterStatus s) {
            StringBuilder b = new StringBuilder();
            long online = s.nodes().stream().filter(NodeInfo::online).count();
            b.append("Cluster ").append(s.cluster()).append(", as seen from ").append(s.localNode()).append('\n');
            b.append("  Quorum: ").append(s.quorum().reason()).append('\n');
            b.append("  DC:     ").append(s.dc() == null ? "none (no quorum)" : s.dc()).append('\n');
            String digest = s.cib().digest();
            b.append("  CIB:    ").append(s.cib().version()).append(" (digest ")
                    .append(digest.substring(0, Math.min(12, digest.length()))).append(")\n");
            b.append("  Nodes:  ").append(online).append(" of ").append(s.nodes().size()).append(" online\n");
            int width = s.nodes().stream().mapToInt(n -> n.name().length()).max().orElse(4);
            for (NodeInfo n : s.nodes()) {
                b.append("    ").append(String.format("%-" + width + "s", n.name()))
                        .append(String.format("  id %-3d ", n.id()))
                        .append(n.online() ? "online " : "offline");
                if (n.dc()) {
                    b.append("  DC");
                }
                if (n.local()) {
                    b.append("  (this node)");
                }
                b.setLength(b.toString().stripTrailing().length());
                b.append('\n');
            }
            return b.toString();
        }
    }
}
