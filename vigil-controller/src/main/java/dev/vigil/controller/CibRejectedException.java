package dev.vigil.controller;

/** A CIB change refused by validation or because there is no DC to apply it; nothing was changed. */
public final class CibRejectedException extends RuntimeException {
    public CibRejectedException(String reason) {
        super(reason);
    }
}
