package dev.vigil.cluster.membership;

/** Membership could not do what was asked; the message says what and why. */
public final class MembershipException extends RuntimeException {
    public MembershipException(String message) {
        super(message);
    }

    public MembershipException(String message, Throwable cause) {
        super(message, cause);
    }
}
