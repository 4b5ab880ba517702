package dev.vigil.cli.crm;

import dev.vigil.cli.edit.CibEdit;

/** What one crm statement asks for: a configuration edit, or a session step (verify, commit, show). */
public sealed interface CrmCommand {
    int line();

    /** A change; {@code summary} says what it does ("primitive web-ip created"). */
    record Edit(int line, String summary, CibEdit edit) implements CrmCommand {
    }

    /** Check the changes so far without writing them. */
    record Verify(int line) implements CrmCommand {
    }

    /** Write the changes so far. */
    record Commit(int line) implements CrmCommand {
    }

    /** Print the configuration as it stands (with uncommitted changes). */
    record Show(int line) implements CrmCommand {
    }
}
