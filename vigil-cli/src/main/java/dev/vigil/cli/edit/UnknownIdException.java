package dev.vigil.cli.edit;

/** An edit names something (a resource, constraint, node, set) that the configuration does not have. */
public final class UnknownIdException extends EditException {
    public UnknownIdException(String message) {
        super(message);
    }
}
