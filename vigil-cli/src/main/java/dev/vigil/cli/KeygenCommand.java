package dev.vigil.cli;

import dev.vigil.cluster.key.AuthKey;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil keygen}: a new cluster key from the non-blocking random source. */
@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = {"Write a new cluster key (mode 0400). Copy the same file to every node: the key decides "
                + "who may join, and all cluster traffic is authenticated and encrypted with it."})
public final class KeygenCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", defaultValue = "/etc/vigil/authkey",
            description = "where to write it (default: ${DEFAULT-VALUE})")
    Path output;

    @Option(names = "--force", description = "replace an existing key file (every node then needs the new one)")
    boolean force;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (Files.exists(output) && !force) {
            err.println("vigil: " + output + " exists; a new key locks out every node that has the old one "
                    + "(give --force to replace it)");
            err.flush();
            return 1;
        }
        AuthKey key = AuthKey.generate();
        try {
            Path dir = output.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            key.write(output);
        } catch (IOException e) {
            err.println("vigil: cannot write " + output + ": " + e.getMessage());
            err.flush();
            return 1;
        }
        out.println("wrote " + output + " (" + key.size() + " bytes, mode 0400, fingerprint " + key.fingerprint()
                + "); copy it to every node");
        out.flush();
        return 0;
    }
}
