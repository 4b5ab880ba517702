package dev.vigil.cli.cib;

import dev.vigil.cib.CibXml;
import dev.vigil.cli.edit.EditException;
import dev.vigil.cli.edit.UnknownIdException;
import dev.vigil.cli.edit.Validation;
import dev.vigil.cli.show.LineDiff;
import dev.vigil.cli.source.CibRunner;
import dev.vigil.cli.source.CibSource;
import dev.vigil.cli.source.CibTarget;
import dev.vigil.cli.source.FileCibSource;
import dev.vigil.cli.source.Snapshot;
import dev.vigil.cli.source.SourceException;
import dev.vigil.model.cib.Cib;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vigil cib shadow new|edit|diff|commit|delete|list}: a private copy of the CIB to change
 * in several steps ({@code -f} on its file) and apply at once. The copy remembers the version it
 * was taken from; commit is refused if the cluster's configuration moved on since (someone else
 * changed it), so nothing is overwritten.
 */
@Command(name = "shadow", mixinStandardHelpOptions = true,
        description = {"Shadow copies: change a private copy of the CIB with any command's -f, then commit all of it at once.",
            "Copies live in $VIGIL_SHADOW_DIR (default ~/.vigil/shadow) as NAME.xml, with NAME.base holding the version "
                    + "they were taken from."},
        footer = {"", "Example session:", "  vigil cib shadow new batch",
            "  vigil resource create vip ocf:heartbeat:IPaddr2 ip=192.168.122.120 -f ~/.vigil/shadow/batch.xml",
            "  vigil constraint location vip prefers node1=50 -f ~/.vigil/shadow/batch.xml",
            "  vigil cib shadow diff batch", "  vigil cib shadow commit batch"},
        subcommands = {ShadowCommand.New.class, ShadowCommand.Edit.class, ShadowCommand.Diff.class, ShadowCommand.Commit.class,
            ShadowCommand.Delete.class, ShadowCommand.ListCmd.class, CommandLine.HelpCommand.class})
public final class ShadowCommand {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}");

    static Path dir() {
        String configured = System.getProperty("vigil.shadow.dir", System.getenv("VIGIL_SHADOW_DIR"));
        return configured != null ? Path.of(configured) : Path.of(System.getProperty("user.home"), ".vigil", "shadow");
    }

    static Path file(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new EditException("shadow name '" + name + "' may hold only letters, digits, '_', '.' and '-'");
        }
        return dir().resolve(name + ".xml");
    }

    static Path base(String name) {
        return dir().resolve(name + ".base");
    }

    static Path requireExisting(String name) {
        Path f = file(name);
        if (!Files.exists(f)) {
            throw new UnknownIdException("no shadow copy '" + name + "' (" + f + "); make one with: vigil cib shadow new " + name);
        }
        return f;
    }

    @Command(name = "new", mixinStandardHelpOptions = true, description = "Copy the current CIB into a new shadow copy.",
            footer = {"", "Example:", "  vigil cib shadow new batch"})
    static final class New implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        CibTarget target;
        @Parameters(paramLabel = "NAME")
        String name;
        @Option(names = "--force", description = "replace an existing copy of that name")
        boolean force;

        @Override
        public Integer call() {
            try {
                Path f = file(name);
                if (Files.exists(f) && !force) {
                    throw new EditException("shadow copy '" + name + "' exists (" + f + "); --force replaces it");
                }
                Snapshot s = target.source(false).read();
                Files.createDirectories(dir());
                FileCibSource.writeAtomically(f, CibXml.write(s.cib()));
                FileCibSource.writeAtomically(base(name), s.version() + "\n");
                PrintWriter out = spec.commandLine().getOut();
                out.println("shadow copy '" + name + "' of version " + s.version() + ": " + f);
                out.println("change it with any command's -f " + f + "; then: vigil cib shadow commit " + name);
                out.flush();
                return 0;
            } catch (IOException e) {
                return CibRunner.fail(new SourceException("cannot create " + dir() + ": " + e.getMessage()),
                        spec.commandLine().getErr());
            } catch (RuntimeException e) {
                return CibRunner.fail(e, spec.commandLine().getErr());
            }
        }
    }

    @Command(name = "edit", mixinStandardHelpOptions = true,
            description = "Edit a shadow copy's XML in $EDITOR (default vi). The edited text is checked; if it is not a "
                    + "valid CIB, the copy stays as it was and the problem is shown.",
            footer = {"", "Example:", "  EDITOR=nano vigil cib shadow edit batch"})
    static final class Edit implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            try {
                Path f = requireExisting(name);
                Path work = Files.createTempFile(dir(), "." + name + ".", ".edit.xml");
                try {
                    Files.copy(f, work, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    String editor = System.getProperty("vigil.editor", System.getenv().getOrDefault("EDITOR", "vi"));
                    Process p = new ProcessBuilder("sh", "-c", editor + " \"$1\"", "editor", work.toString()).inheritIO().start();
                    int rc = p.waitFor();
                    if (rc != 0) {
                        throw new EditException("the editor (" + editor + ") exited with " + rc + "; the shadow copy is unchanged");
                    }
                    Cib before = CibFileCommands.readFile(f);
                    Cib after = CibFileCommands.readFile(work);
                    List<String> problems = Validation.newProblems(before, after);
                    if (!problems.isEmpty()) {
                        throw new EditException("the edited copy is refused: " + problems.get(0), problems);
                    }
                    FileCibSource.writeAtomically(f, CibXml.write(after));
                } finally {
                    Files.deleteIfExists(work);
                }
                spec.commandLine().getOut().println("shadow copy '" + name + "' updated");
                spec.commandLine().getOut().flush();
                return 0;
            } catch (IOException e) {
                return CibRunner.fail(new SourceException("shadow edit: " + e.getMessage()), spec.commandLine().getErr());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return CibRunner.fail(new SourceException("shadow edit: interrupted"), spec.commandLine().getErr());
            } catch (RuntimeException e) {
                return CibRunner.fail(e, spec.commandLine().getErr());
            }
        }
    }

    @Command(name = "diff", mixinStandardHelpOptions = true,
            description = "What committing the shadow copy would change in the current configuration.",
            footer = {"", "Example:", "  vigil cib shadow diff batch"})
    static final class Diff implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        CibTarget target;
        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            try {
                Path f = requireExisting(name);
                CibSource live = target.source(false);
                String diff = LineDiff.diff(CibFileCommands.configurationXml(live.read().cib()),
                        CibFileCommands.configurationXml(CibFileCommands.readFile(f)), live.describe(), "shadow " + name);
                spec.commandLine().getOut().print(diff.isEmpty() ? "no differences in the configuration\n" : diff);
                spec.commandLine().getOut().flush();
                return diff.isEmpty() ? 0 : 1;
            } catch (RuntimeException e) {
                return CibRunner.fail(e, spec.commandLine().getErr());
            }
        }
    }

    @Command(name = "commit", mixinStandardHelpOptions = true,
            description = {"Replace the configuration with the shadow copy's, at once. Refused (exit 4) when the "
                    + "configuration changed since the copy was taken, unless --force; validated like every change."},
            footer = {"", "Example:", "  vigil cib shadow commit batch"})
    static final class Commit implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        CibTarget target;
        @Parameters(paramLabel = "NAME")
        String name;
        @Option(names = "--force", description = "commit even if the configuration changed since the copy was taken")
        boolean force;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try {
                Path f = requireExisting(name);
                Cib shadow = CibFileCommands.readFile(f);
                CibSource live = target.source(false);
                Snapshot now = live.read();
                String baseVersion = force ? now.version() : CibFileCommands.read(base(name));
                Snapshot base = new Snapshot(now.cib().withVersion(parseVersion(baseVersion)), baseVersion);
                Cib edited = new Cib(now.cib().attributes(), shadow.configuration(), now.cib().status());
                List<String> problems = Validation.newProblems(now.cib(), edited);
                if (!problems.isEmpty()) {
                    throw new EditException("shadow copy '" + name + "' is refused: " + problems.get(0), problems);
                }
                String version = live.write(base, edited);
                out.println("shadow copy '" + name + "' committed (CIB version " + version + "); delete it with: "
                        + "vigil cib shadow delete " + name);
                out.flush();
                return 0;
            } catch (RuntimeException e) {
                return CibRunner.fail(e, spec.commandLine().getErr());
            }
        }

        private static dev.vigil.model.cib.CibVersion parseVersion(String text) {
            String[] p = text.split("\\.");
            try {
                return new dev.vigil.model.cib.CibVersion(Long.parseLong(p[0]), Long.parseLong(p[1]), Long.parseLong(p[2]));
            } catch (RuntimeException e) {
                throw new SourceException("the shadow copy's base version '" + text + "' is not admin_epoch.epoch.num_updates");
            }
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a shadow copy.",
            footer = {"", "Example:", "  vigil cib shadow delete batch"})
    static final class Delete implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            try {
                Path f = requireExisting(name);
                CibFileCommands.deleteIfExists(f);
                CibFileCommands.deleteIfExists(base(name));
                spec.commandLine().getOut().println("shadow copy '" + name + "' deleted");
                spec.commandLine().getOut().flush();
                return 0;
            } catch (RuntimeException e) {
                return CibRunner.fail(e, spec.commandLine().getErr());
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the shadow copies.",
            footer = {"", "Example:", "  vigil cib shadow list"})
    static final class ListCmd implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            if (Files.isDirectory(dir())) {
                try (var files = Files.list(dir())) {
                    files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".xml") && !n.startsWith("."))
                            .sorted().forEach(n -> out.println(n.substring(0, n.length() - 4)));
                } catch (IOException e) {
                    return CibRunner.fail(new SourceException("cannot list " + dir() + ": " + e.getMessage()),
                            spec.commandLine().getErr());
                }
            }
            out.flush();
            return 0;
        }
    }
}
