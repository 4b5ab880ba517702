package dev.vigil.cli.crm;

import dev.vigil.cib.CibVersions;
import dev.vigil.cib.CibXml;
import dev.vigil.cli.edit.EditException;
import dev.vigil.cli.edit.UnknownIdException;
import dev.vigil.cli.edit.Validation;
import dev.vigil.cli.source.CibSource;
import dev.vigil.cli.source.Snapshot;
import dev.vigil.model.cib.Cib;
import java.io.PrintWriter;
import java.util.List;

/**
 * Runs translated crm statements against a CIB source, as {@code crm configure} does: edits
 * pile up in a working copy; {@code verify} checks it, {@code show} prints it, {@code commit}
 * validates and writes it (and the end of the input commits what is left). A statement that
 * cannot be applied stops the session with its line number; nothing since the last commit is
 * written.
 */
public final class CrmSession {
    private final CibSource source;
    private final PrintWriter out;
    private Snapshot base;
    private Cib working;

    public CrmSession(CibSource source, PrintWriter out) {
        this.source = source;
        this.out = out;
    }

    /**
     * @throws EditException (with the line) for a statement that cannot be applied or a commit
     *                       that does not validate; source exceptions when the write fails
     */
    public void run(List<CrmCommand> commands) {
        base = source.read();
        working = base.cib();
        for (CrmCommand command : commands) {
            if (command instanceof CrmCommand.Edit e) {
                apply(e);
            } else if (command instanceof CrmCommand.Verify) {
                verify(command.line());
            } else if (command instanceof CrmCommand.Show) {
                out.print(configurationXml(working));
            } else {
                commit(command.line());
            }
        }
        commit(-1);
    }

    private void apply(CrmCommand.Edit e) {
        try {
            working = e.edit().apply(working);
        } catch (UnknownIdException ex) {
            throw new UnknownIdException("line " + e.line() + ": " + ex.getMessage() + uncommittedNote());
        } catch (EditException ex) {
            throw new EditException("line " + e.line() + ": " + ex.getMessage() + uncommittedNote(), ex.details());
        } catch (IllegalArgumentException ex) {
            throw new EditException("line " + e.line() + ": " + ex.getMessage() + uncommittedNote());
        }
    }

    private String uncommittedNote() {
        return CibVersions.configurationChanged(base.cib(), working) ? " (the changes since the last commit were not written)" : "";
    }

    private void verify(int line) {
        List<String> problems = Validation.newProblems(base.cib(), working);
        if (problems.isEmpty()) {
            out.println("line " + line + ": verify: the configuration is valid");
        } else {
            out.println("line " + line + ": verify: " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + ":");
            problems.forEach(p -> out.println("  " + p));
        }
    }

    private void commit(int line) {
        String where = line < 0 ? "at the end of the input" : "line " + line;
        if (!CibVersions.configurationChanged(base.cib(), working)) {
            if (line >= 0) {
                out.println(where + ": commit: nothing to commit");
            }
            return;
        }
        List<String> problems = Validation.newProblems(base.cib(), working);
        if (!problems.isEmpty()) {
            throw new EditException(where + ": commit refused: " + problems.get(0), problems);
        }
        String version = source.write(base, working);
        out.println(where + ": committed to " + source.describe() + " (CIB version " + version + ")");
        out.flush();
        base = source.read();
        working = base.cib();
    }

    /** The configuration section of the working CIB, as XML. */
    static String configurationXml(Cib cib) {
        String xml = CibXml.write(cib);
        int start = xml.indexOf("<configuration");
        int end = xml.indexOf("</configuration>");
        return start < 0 || end < 0 ? xml : xml.substring(start, end + "</configuration>".length()) + "\n";
    }
}
