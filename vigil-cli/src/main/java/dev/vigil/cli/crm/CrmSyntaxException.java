package dev.vigil.cli.crm;

import dev.vigil.cli.edit.EditException;

/** A crm statement that cannot be read; the message starts with {@code line N:}. */
public final class CrmSyntaxException extends EditException {
    public CrmSyntaxException(int line, String message) {
        super("line " + line + ": " + message);
    }
}
