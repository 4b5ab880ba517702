package dev.vigil.cli.source;

import dev.vigil.api.ApiException;
import dev.vigil.cib.CibVersions;
import dev.vigil.cli.ApiCommands;
import dev.vigil.cli.OutputFormat;
import dev.vigil.cli.edit.CibEdit;
import dev.vigil.cli.edit.EditException;
import dev.vigil.cli.edit.UnknownIdException;
import dev.vigil.cli.edit.Validation;
import dev.vigil.model.cib.Cib;
import java.io.PrintWriter;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;

/**
 * How every configuration command runs. A write: read the CIB, apply the pure edit, validate the
 * result, write it back (optimistically), say what was done. A read: read the CIB and print it
 * as text or JSON. Every failure is one {@code vigil: ...} line (plus one line per problem) and
 * an exit code from {@link ApiCommands}; on any failure nothing has been written.
 */
public final class CibRunner {
    private CibRunner() {
    }

    /**
     * Runs a write command.
     *
     * @param done the sentence printed on success, from the edited CIB (e.g. "resource 'web' created")
     */
    public static int edit(CommandSpec spec, CibTarget target, CibEdit edit, Function<Cib, String> done) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            CibSource source = target.source(true);
            Snapshot before = source.read();
            Cib after = Validation.applyChecked(before.cib(), edit);
            if (!CibVersions.configurationChanged(before.cib(), after)) {
                out.println("nothing to change: the configuration already is so (version " + before.version() + ")");
                out.flush();
                return 0;
            }
            String version = source.write(before, after);
            out.println(done.apply(after) + " (CIB version " + version + ")");
            out.flush();
            return 0;
        } catch (RuntimeException e) {
            return fail(e, err);
        }
    }

    /** Runs a read command: {@code text} for people, {@code json} (an object Jackson can write) for scripts. */
    public static int read(CommandSpec spec, CibTarget target, OutputFormat format, Function<Cib, String> text,
                           Function<Cib, Object> json) {
        PrintWriter out = spec.commandLine().getOut();
        try {
            Cib cib = target.source(false).read().cib();
            if (format == OutputFormat.json) {
                out.println(ApiCommands.json(json.apply(cib)));
            } else {
                out.print(text.apply(cib));
            }
            out.flush();
            return 0;
        } catch (RuntimeException e) {
            return fail(e, spec.commandLine().getErr());
        }
    }

    /** Prints the failure; returns its exit code. Unexpected exceptions propagate (a bug: picocli shows the trace). */
    public static int fail(RuntimeException e, PrintWriter err) {
        if (e instanceof ApiException api) {
            return ApiCommands.report(api, err);
        }
        if (e instanceof EditException edit) {
            err.println("vigil: " + edit.getMessage());
            if (edit.details().size() > 1) {
                edit.details().forEach(d -> err.println("  " + d));
            }
            err.println("  nothing was changed");
            err.flush();
            return edit instanceof UnknownIdException ? ApiCommands.NOT_FOUND : ApiCommands.FAILED;
        }
        if (e instanceof SourceException source) {
            err.println("vigil: " + source.getMessage());
            err.flush();
            return source instanceof ConflictException ? ApiCommands.CONFLICT : ApiCommands.FAILED;
        }
        throw e;
    }
}
