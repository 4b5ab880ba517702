package dev.vigil.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil completion bash}: the bash completion script, generated from the commands themselves. */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print the bash completion script.",
            "It covers every vigil command and option: picocli makes it from the commands themselves.",
            "Install it once per machine, or load it in a shell."},
        footer = {"", "Examples:",
            "  vigil completion bash > /etc/bash_completion.d/vigil     (every new shell)",
            "  source <(vigil completion bash)                          (this shell)"})
public final class CompletionCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SHELL", description = "bash (zsh can load it with bashcompinit)")
    String shell;

    @Override
    public Integer call() {
        if (!shell.equals("bash")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "only bash is supported, not '" + shell + "'");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(AutoComplete.bash("vigil", spec.root().commandLine()));
        out.flush();
        return 0;
    }
}
