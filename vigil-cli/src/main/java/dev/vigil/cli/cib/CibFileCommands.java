package dev.vigil.cli.cib;

import dev.vigil.cib.CibFormatException;
import dev.vigil.cib.CibProblem;
import dev.vigil.cib.CibValidator;
import dev.vigil.cib.CibVersions;
import dev.vigil.cib.CibXml;
import dev.vigil.cli.edit.EditException;
import dev.vigil.cli.resource.AgentLookup;
import dev.vigil.cli.show.ImportReport;
import dev.vigil.cli.show.LineDiff;
import dev.vigil.cli.source.CibRunner;
import dev.vigil.cli.source.CibTarget;
import dev.vigil.cli.source.FileCibSource;
import dev.vigil.cli.source.SourceException;
import dev.vigil.exec.AgentSpec;
import dev.vigil.model.cib.Cib;
import dev.vigil.model.cib.Primitive;
import dev.vigil.model.cib.Status;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil cib export|import|diff}: the CIB as a Pacemaker XML document. */
public final class CibFileCommands {
    private CibFileCommands() {
    }

    /** Reads a CIB file, naming it in the error. */
    static Cib readFile(Path file) {
        try {
            return CibXml.read(file);
        } catch (CibFormatException e) {
            throw new SourceException(e.getMessage(), e);
        }
    }

    /** The document without its status section (what diff and import compare and carry). */
    static String configurationXml(Cib cib) {
        return CibXml.write(new Cib(CibVersions.userAttributes(cib), cib.configuration(), Status.EMPTY));
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Write the CIB as Pacemaker CIB XML (to stdout, or to a file with -o), e.g. to edit offline "
                    + "with -f and import again, or to load into Pacemaker tools."},
            footer = {"", "Examples:", "  vigil cib export > cib.xml", "  vigil cib export -o cib.xml --config-only"})
    public static final class Export implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        CibTarget target;
        @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "write here instead of stdout")
        Path out;
        @Option(names = "--config-only", description = "leave out the status section and version numbers")
        boolean configOnly;

        @Override
        public Integer call() {
            try {
                Cib cib = target.source(false).read().cib();
                String xml = configOnly ? configurationXml(cib) : CibXml.write(cib);
                if (out == null) {
                    spec.commandLine().getOut().print(xml);
                    spec.commandLine().getOut().flush();
                } else {
                    FileCibSource.writeAtomically(out, xml);
                    spec.commandLine().getErr().println("wrote " + out + " (CIB version " + cib.version() + ")");
                    spec.commandLine().getErr().flush();
                }
                return 0;
            } catch (RuntimeException e) {
                return CibRunner.fail(e, spec.commandLine().getErr());
            }
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Replace the configuration with the one in a CIB file, e.g. from an existing Pacemaker cluster "
                    + "(cibadmin --query > cib.xml). The file is validated first (every problem listed, nothing changed). "
                    + "A report says what Vigil keeps but does not act on and which agents are not installed on this node."},
            footer = {"", "Examples:", "  vigil cib import cib.xml --dry-run", "  vigil cib import cib.xml",
                "  vigil cib import cib.xml -f new.xml      (into a file)"})
    public static final class Import implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        CibTarget target;
        @Parameters(paramLabel = "FILE")
        Path file;
        @Option(names = "--dry-run", description = "validate and report only")
        boolean dryRun;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try {
                Cib imported = readFile(file);
                List<CibProblem> problems = CibValidator.problems(new Cib(imported.attributes(), imported.configuration(),
                        Status.EMPTY));
                if (!problems.isEmpty()) {
                    throw new EditException(file + " is refused: " + problems.get(0).message()
                            + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""),
                            problems.stream().map(CibProblem::message).toList());
                }
                List<String> notes = new ArrayList<>(ImportReport.unsupported(imported));
                notes.addAll(missingAgents(imported));
                out.println(notes.isEmpty() ? file + ": valid; everything in it is supported"
                        : file + ": valid; " + notes.size() + (notes.size() == 1 ? " note:" : " notes:"));
                notes.forEach(n -> out.println("  " + n));
                out.flush();
                if (dryRun) {
                    return 0;
                }
                Map<String, String> root = new LinkedHashMap<>(CibVersions.userAttributes(imported));
                return CibRunner.edit(spec, target, cib -> {
                    Map<String, String> attributes = new LinkedHashMap<>(cib.attributes());
                    attributes.putAll(root);
                    return new Cib(attributes, imported.configuration(), cib.status());
                }, cib -> "configuration imported from " + file);
            } catch (RuntimeException e) {
                return CibRunner.fail(e, spec.commandLine().getErr());
            }
        }

        private static List<String> missingAgents(Cib cib) {
            AgentLookup agents = AgentLookup.fromEnvironment();
            List<String> out = new ArrayList<>();
            for (var r : dev.vigil.cli.edit.Resources.all(cib.configuration())) {
                if (r instanceof Primitive p && p.agentClass() != null && !"systemd".equals(p.agentClass())
                        && !"service".equals(p.agentClass())) {
                    try {
                        agents.metadata(AgentSpec.parse(p.agent()));
                    } catch (EditException | IllegalArgumentException e) {
                        out.add("resource '" + p.id() + "': " + e.getMessage());
                    }
                }
            }
            return out;
        }
    }

    @Command(name = "diff", mixinStandardHelpOptions = true,
            description = {"Show how the configuration in FILE differs from the current one (or FILE2 from FILE); "
                    + "status and version numbers are left out. Exit 0 when equal, 1 when they differ (as diff does)."},
            footer = {"", "Examples:", "  vigil cib diff new.xml", "  vigil cib diff old.xml new.xml"})
    public static final class Diff implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        CibTarget target;
        @Parameters(index = "0", paramLabel = "FILE")
        Path first;
        @Parameters(index = "1", paramLabel = "FILE2", arity = "0..1")
        Path second;

        @Override
        public Integer call() {
            try {
                String oldName = second == null ? target.source(false).describe() : first.toString();
                Cib oldCib = second == null ? target.source(false).read().cib() : readFile(first);
                Cib newCib = readFile(second == null ? first : second);
                String newName = (second == null ? first : second).toString();
                String diff = LineDiff.diff(configurationXml(oldCib), configurationXml(newCib), oldName, newName);
                spec.commandLine().getOut().print(diff.isEmpty() ? "no differences in the configuration\n" : diff);
                spec.commandLine().getOut().flush();
                return diff.isEmpty() ? 0 : 1;
            } catch (RuntimeException e) {
                return CibRunner.fail(e, spec.commandLine().getErr());
            }
        }
    }

    static void deleteIfExists(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new SourceException("cannot delete " + p + ": " + e.getMessage(), e);
        }
    }

    static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new SourceException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }
}
