package dev.vigil.cli;

import dev.vigil.cli.crm.CrmCommand;
import dev.vigil.cli.crm.CrmSession;
import dev.vigil.cli.crm.CrmTranslator;
import dev.vigil.cli.source.CibRunner;
import dev.vigil.cli.source.CibTarget;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil crm configure}: crmsh's configuration language. */
@Command(name = "crm", mixinStandardHelpOptions = true, description = "crmsh compatibility.",
        subcommands = {CrmCommandLine.Configure.class, CommandLine.HelpCommand.class})
public final class CrmCommandLine {

    /** {@code vigil crm configure [FILE|-]}. */
    @Command(name = "configure", mixinStandardHelpOptions = true,
            description = {"Apply crmsh configuration statements, from a file or stdin.",
                "Statements: primitive, "
                    + "group, clone, ms/promotable, location (SCORE: NODE, or rule SCORE: #uname eq NODE), "
                    + "colocation, order, property, rsc_defaults, op_defaults, verify, commit, show.",
                "A line ending in '\\' continues on the next; '#' starts a comment line.",
                "Every statement is read first: one that cannot be read stops everything, with its line number, "
                        + "and nothing changes. Changes are validated and written at 'commit' and at the end of "
                        + "the input."},
            footer = {"", "Examples:",
                "  vigil crm configure web.crm",
                "  printf 'primitive ip ocf:heartbeat:IPaddr2 params ip=198.18.0.10 op monitor interval=10s\\n' \\",
                "      | vigil crm configure -f cib.xml",
                "  vigil crm configure - <<EOF",
                "  primitive web-ip ocf:heartbeat:IPaddr2 \\",
                "      params ip=198.18.0.10 cidr_netmask=24 op monitor interval=10s",
                "  primitive web-httpd lsb:httpd op monitor interval=15s",
                "  group web web-ip web-httpd",
                "  location web-prefers-node1 web 100: node1",
                "  rsc_defaults resource-stickiness=100",
                "  property stonith-enabled=false",
                "  commit",
                "  EOF",
                "", "Exit codes: 0 applied; 1 a statement is wrong or the result does not validate (nothing "
                        + "changed since the last commit); 3 an unknown id; 4 the CIB changed meanwhile; "
                        + "69 the daemon cannot be reached."})
    static final class Configure implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        CibTarget target;

        @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", defaultValue = "-",
                description = "the statements (default: - for stdin)")
        String input;

        @Override
        public Integer call() {
            String text;
            try {
                text = input.equals("-") ? read(System.in) : Files.readString(Path.of(input), StandardCharsets.UTF_8);
            } catch (IOException e) {
                spec.commandLine().getErr().println("vigil: cannot read " + input + ": " + e.getMessage());
                spec.commandLine().getErr().flush();
                return ApiCommands.FAILED;
            }
            try {
                List<CrmCommand> commands = CrmTranslator.translate(text);
                new CrmSession(target.source(true), spec.commandLine().getOut()).run(commands);
                spec.commandLine().getOut().flush();
                return 0;
            } catch (RuntimeException e) {
                spec.commandLine().getOut().flush();
                return CibRunner.fail(e, spec.commandLine().getErr());
            }
        }

        private static String read(InputStream in) throws IOException {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
