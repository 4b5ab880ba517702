package dev.vigil.cli;

import dev.vigil.cli.crm.CrmSession;
import dev.vigil.cli.crm.CrmTranslator;
import dev.vigil.cli.heartbeat.Haresources;
import dev.vigil.cli.source.CibRunner;
import dev.vigil.cli.source.CibTarget;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil import ...}: configurations from other cluster managers. */
@Command(name = "import", mixinStandardHelpOptions = true, description = "Import a configuration from another cluster manager.",
        subcommands = {ImportCommand.HaresourcesCommand.class, CommandLine.HelpCommand.class})
public final class ImportCommand {

    /** {@code vigil import haresources FILE [--ha-cf FILE]}. */
    @Command(name = "haresources", mixinStandardHelpOptions = true,
            description = {"Convert heartbeat v1's haresources (and ha.cf) into resources.",
                "Each line 'NODE RESOURCE…' becomes a "
                    + "group (an address ADDR[/BITS[/NIC[/BROADCAST]]] becomes ocf:heartbeat:IPaddr2 named ip-ADDR, "
                    + "Filesystem::DEV::DIR::TYPE becomes ocf:heartbeat:Filesystem, any other NAME becomes lsb:NAME), "
                    + "named NAME-group after its first service, with a location preference (score "
                    + Haresources.PREFERRED_NODE_SCORE + ") for NODE.",
                "With --ha-cf: auto_failback on/legacy becomes resource-stickiness=0 (back to the preferred node), "
                        + "off becomes INFINITY (stay); two nodes make no-quorum-policy=ignore; no stonith directive "
                        + "makes stonith-enabled=false. What is not converted is listed.",
                "The result goes through the same validation as 'vigil crm configure'; on any error nothing changes."},
            footer = {"", "Examples:", "  vigil import haresources /etc/ha.d/haresources --ha-cf /etc/ha.d/ha.cf",
                "  vigil import haresources haresources --dry-run      (print the crm statements only)",
                "  vigil import haresources haresources -f cib.xml",
                "", "A line such as 'node1 198.18.0.10/24/eth0 httpd' gives:",
                "  primitive ip-198.18.0.10 ocf:heartbeat:IPaddr2 params ip=198.18.0.10 cidr_netmask=24 nic=eth0 ...",
                "  primitive httpd lsb:httpd op monitor interval=15s timeout=15s",
                "  group httpd-group ip-198.18.0.10 httpd",
                "  location location-httpd-group-node1-100 httpd-group 100: node1",
                "", "Exit codes: as for 'vigil crm configure'."})
    static final class HaresourcesCommand implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        CibTarget target;

        @Parameters(index = "0", paramLabel = "FILE", description = "the haresources file")
        Path haresources;

        @Option(names = "--ha-cf", paramLabel = "FILE", description = "heartbeat's ha.cf (auto_failback, nodes, stonith)")
        Path haCf;

        @Option(names = "--dry-run", description = "print the crm statements and change nothing")
        boolean dryRun;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            String resources;
            String haCfText = null;
            try {
                resources = Files.readString(haresources, StandardCharsets.UTF_8);
                if (haCf != null) {
                    haCfText = Files.readString(haCf, StandardCharsets.UTF_8);
                }
            } catch (IOException e) {
                err.println("vigil: cannot read " + e.getMessage());
                err.flush();
                return ApiCommands.FAILED;
            }
            try {
                Haresources.Conversion conversion = Haresources.convert(resources, haCfText);
                conversion.notes().forEach(n -> out.println("note: " + n));
                if (dryRun) {
                    out.print(conversion.text());
                } else {
                    new CrmSession(target.source(true), out).run(CrmTranslator.translate(conversion.text()));
                }
                out.flush();
                return 0;
            } catch (RuntimeException e) {
                out.flush();
                return CibRunner.fail(e, err);
            }
        }
    }
}
