package dev.vigil.cli.edit;

import java.util.List;

/**
 * An edit that cannot be made as asked: the message names the offending input
 * ({@code resource 'web' does not exist (did you mean 'web1'?)}); {@code details} lists further
 * problems, one per line. Nothing has been changed when this is thrown.
 */
public class EditException extends RuntimeException {
    private final List<String> details;

    public EditException(String message) {
        this(message, List.of());
    }

    public EditException(String message, List<String> details) {
        super(message);
        this.details = List.copyOf(details);
    }

    public List<String> details() {
        return details;
    }
}
