package dev.vigil.cli;

import dev.vigil.api.ApiClient;
import dev.vigil.api.ApiException;
import dev.vigil.api.ApiTypes;
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
import picocli.CommandLine.Spec;

/** {@code vigil cib ...}: the CIB as a document. */
@Command(name = "cib", mixinStandardHelpOptions = true, description = "The cluster information base as a whole document.",
        subcommands = {CibCommand.Query.class, CibCommand.Replace.class, dev.vigil.cli.cib.CibFileCommands.Export.class,
            dev.vigil.cli.cib.CibFileCommands.Import.class, dev.vigil.cli.cib.CibFileCommands.Diff.class,
            dev.vigil.cli.cib.ShadowCommand.class, CommandLine.HelpCommand.class})
public final class CibCommand {

    /** {@code vigil cib query}. */
    @Command(name = "query", mixinStandardHelpOptions = true, description = "Print this node's copy of the CIB (Pacemaker CIB XML).")
    static final class Query implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        ApiOptions api;

        @Option(names = "--output", paramLabel = "FORMAT", description = "text (the XML, default) or json", defaultValue = "text")
        OutputFormat output;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (ApiClient client = api.connect()) {
                ApiTypes.CibQueryResult r = client.call(ApiTypes.CIB_QUERY, new ApiTypes.NoArgs(), ApiTypes.CibQueryResult.class);
                out.print(output == OutputFormat.json ? ApiCommands.json(r) + "\n" : r.xml());
                out.flush();
                return 0;
            } catch (ApiException e) {
                return ApiCommands.report(e, spec.commandLine().getErr());
            }
        }
    }

    /** {@code vigil cib replace --xml-file F}. */
    @Command(name = "replace", mixinStandardHelpOptions = true,
            description = {"Replace the cluster's configuration with the one in a CIB file.",
                "The file is validated first; if anything is wrong, every problem is listed and nothing changes.",
                "Its status section and version numbers are ignored: the cluster keeps its own "
                        + "(a higher admin_epoch is kept)."})
    static final class Replace implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        ApiOptions api;

        @Option(names = {"-x", "--xml-file"}, paramLabel = "FILE", required = true, description = "the new CIB")
        Path xmlFile;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            String xml;
            try {
                xml = Files.readString(xmlFile, StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("vigil: cannot read " + xmlFile + ": " + e.getMessage());
                err.flush();
                return ApiCommands.FAILED;
            }
            try (ApiClient client = api.connect()) {
                ApiTypes.CibReplaceResult r = client.call(ApiTypes.CIB_REPLACE, new ApiTypes.CibReplaceArgs(xml),
                        ApiTypes.CibReplaceResult.class);
                out.println(r.changed() ? "CIB replaced: version " + r.version()
                        : "nothing to change: the cluster's configuration is already this (version " + r.version() + ")");
                out.flush();
                return 0;
            } catch (ApiException e) {
                return ApiCommands.report(e, err);
            }
        }
    }
}
