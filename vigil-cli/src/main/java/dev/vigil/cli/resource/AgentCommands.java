package dev.vigil.cli.resource;

import dev.vigil.cli.ApiCommands;
import dev.vigil.cli.OutputFormat;
import dev.vigil.cli.edit.EditException;
import dev.vigil.cli.source.CibRunner;
import dev.vigil.exec.AgentMetadata;
import dev.vigil.exec.AgentSpec;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code resource list-agents} and {@code resource describe}: the agents installed on this node. */
public final class AgentCommands {
    private AgentCommands() {
    }

    /** {@code vigil resource list-agents [CLASS[:PROVIDER]]}. */
    @Command(name = "list-agents", aliases = "agents", mixinStandardHelpOptions = true,
            description = {"List the resource agents installed on this node: OCF (under $OCF_ROOT, default /usr/lib/ocf, "
                    + "and Vigil's own), LSB init scripts; stonith agents with 'vigil stonith list'."},
            footer = {"", "Examples:", "  vigil resource list-agents", "  vigil resource list-agents ocf:heartbeat",
                "  vigil resource list-agents lsb --output json"})
    static final class ListAgents implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "CLASS[:PROVIDER]", arity = "0..1", description = "ocf, ocf:PROVIDER, lsb or stonith")
        String filter;
        @Option(names = "--output", paramLabel = "FORMAT", description = "text (default) or json", defaultValue = "text")
        OutputFormat output;

        @Override
        public Integer call() {
            try {
                return print(spec, output, agents(AgentLookup.fromEnvironment(), filter));
            } catch (EditException e) {
                return CibRunner.fail(e, spec.commandLine().getErr());
            }
        }

        static List<String> agents(AgentLookup lookup, String filter) {
            String cls = filter == null ? null : filter.split(":", 2)[0];
            String provider = filter != null && filter.contains(":") ? filter.split(":", 2)[1] : null;
            List<String> classes = cls == null ? List.of(AgentSpec.OCF, AgentSpec.LSB) : List.of(cls);
            List<String> out = new ArrayList<>();
            for (String c : classes) {
                if (!List.of(AgentSpec.OCF, AgentSpec.LSB, AgentSpec.SERVICE, AgentSpec.STONITH).contains(c)) {
                    throw new EditException("cannot list agents of class '" + c + "' (ocf, lsb, service or stonith; "
                            + "systemd units are not listed)");
                }
                lookup.list(c).stream().filter(s -> provider == null || provider.equals(s.provider()))
                        .forEach(s -> out.add(s.toString()));
            }
            return out;
        }

        static int print(CommandLine.Model.CommandSpec spec, OutputFormat output, List<String> agents) {
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

    /** Prints the agent's description; returns the exit code. */
    public static int describe(CommandLine.Model.CommandSpec spec, String agent, OutputFormat output) {
        try {
            AgentLookup lookup = AgentLookup.fromEnvironment();
            AgentMetadata md = lookup.metadata(lookup.resolve(agent));
            PrintWriter out = spec.commandLine().getOut();
            out.print(output == OutputFormat.json ? ApiCommands.json(Describe.view(md)) + "\n" : Describe.text(md));
            out.flush();
            return 0;
        } catch (EditException e) {
            return CibRunner.fail(e, spec.commandLine().getErr());
        }
    }

    /** {@code vigil resource describe AGENT}. */
    @Command(name = "describe", mixinStandardHelpOptions = true,
            description = "Describe an agent from its meta-data: what it does, its parameters (required ones marked) and "
                    + "the timeouts and intervals it advises.",
            footer = {"", "Examples:", "  vigil resource describe ocf:heartbeat:IPaddr2", "  vigil resource describe IPaddr2",
                "  vigil resource describe lsb:zabbix-server --output json"})
    static final class Describe implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "AGENT")
        String agent;
        @Option(names = "--output", paramLabel = "FORMAT", description = "text (default) or json", defaultValue = "text")
        OutputFormat output;

        @Override
        public Integer call() {
            return describe(spec, agent, output);
        }

        /** The meta-data for JSON: durations as text ({@code 20s}), since the shared mapper has no java.time support. */
        record AgentView(String agent, String shortDescription, String longDescription, List<AgentMetadata.Parameter> parameters,
                         List<ActionView> actions) {
        }

        record ActionView(String name, String interval, String timeout, String role, String depth) {
        }

        static AgentView view(AgentMetadata md) {
            return new AgentView(md.agent().toString(), md.shortDescription(), md.longDescription(), md.parameters(),
                    md.actions().stream().map(a -> new ActionView(a.name(), seconds(a.interval()), seconds(a.timeout()),
                            a.role(), a.depth())).toList());
        }

        private static String seconds(java.time.Duration d) {
            return d == null ? null : d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
        }

        static String text(AgentMetadata md) {
            StringBuilder b = new StringBuilder();
            b.append(md.agent()).append(md.shortDescription().isEmpty() ? "" : " - " + md.shortDescription()).append('\n');
            if (!md.longDescription().isBlank()) {
                b.append('\n').append(md.longDescription().strip()).append('\n');
            }
            b.append("\nParameters:\n");
            if (md.parameters().isEmpty()) {
                b.append("  (none)\n");
            }
            for (AgentMetadata.Parameter p : md.parameters()) {
                b.append("  ").append(p.name()).append(" (").append(p.type());
                if (p.required()) {
                    b.append(", required");
                }
                if (p.unique()) {
                    b.append(", unique");
                }
                if (p.deprecated()) {
                    b.append(", deprecated");
                }
                if (p.defaultValue() != null && !p.defaultValue().isEmpty()) {
                    b.append(", default ").append(p.defaultValue());
                }
                b.append(")");
                if (!p.options().isEmpty()) {
                    b.append(" one of ").append(String.join(", ", p.options()));
                }
                b.append('\n');
                if (!p.shortDescription().isBlank()) {
                    b.append("      ").append(p.shortDescription().strip()).append('\n');
                }
            }
            b.append("\nDefault operations:\n");
            for (AgentMetadata.Action a : md.actions()) {
                if (a.name().equals("meta-data") || a.name().equals("validate-all")) {
                    continue;
                }
                b.append("  ").append(a.name());
                if (a.interval() != null) {
                    b.append(" interval=").append(a.interval().toSeconds()).append('s');
                }
                if (a.timeout() != null) {
                    b.append(" timeout=").append(a.timeout().toSeconds()).append('s');
                }
                if (a.role() != null) {
                    b.append(" role=").append(a.role());
                }
                b.append('\n');
            }
            return b.toString();
        }
    }
}
