package dev.vigil.app;

import dev.vigil.cli.VigilCommand;
import dev.vigil.daemon.DaemonCommand;
import dev.vigil.daemon.logging.DaemonLogging;
import dev.vigil.demo.DemoCommand;

/** Entry point of bin/vigil: the CLI with every subcommand of every module. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        DaemonLogging.selectLogManager(); // before anything logs: keeps the daemon's last lines at exit
        var commandLine = VigilCommand.commandLine();
        commandLine.addSubcommand(new DaemonCommand());
        commandLine.addSubcommand(new DemoCommand());
        System.exit(commandLine.execute(args));
    }
}
