package dev.vigil.app;

import dev.vigil.cli.VigilCommand;

/** Entry point of bin/vigil: the CLI with every subcommand of every module. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        var commandLine = VigilCommand.commandLine();
        System.exit(commandLine.execute(args));
    }
}
