package dev.vigil.exec;

/**
 * Receives the results worth recording: every one-shot result, the first result of a recurring
 * operation and each later one whose rc or status differs from the last reported, and a
 * {@link OpStatus#CANCELLED} result when a recurring operation is cancelled (so its CIB entry
 * can go). Called on an executor thread; must return quickly and must not block.
 */
@FunctionalInterface
public interface OperationListener {
    void onResult(OperationResult result);

    OperationListener NONE = result -> { };
}
