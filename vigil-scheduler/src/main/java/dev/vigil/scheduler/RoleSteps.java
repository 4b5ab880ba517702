package dev.vigil.scheduler;

import dev.vigil.model.Role;

/**
 * The role state machine of a resource instance: from a current role towards a wanted role,
 * which role comes next and which action gets there. Started and Unpromoted are the same
 * running state for this purpose.
 */
final class RoleSteps {
    enum Step { ERROR, NONE, STOP, START, DEMOTE, PROMOTE }

    private static final Role U = Role.UNKNOWN;
    private static final Role S = Role.STOPPED;
    private static final Role R = Role.STARTED;
    private static final Role N = Role.UNPROMOTED;
    private static final Role P = Role.PROMOTED;

    /** NEXT[current][wanted]: the next role on the way (indexes follow {@link Role#ordinal()}). */
    private static final Role[][] NEXT = {
        /* Unknown */    {U, S, S, S, S},
        /* Stopped */    {S, S, R, N, N},
        /* Started */    {S, S, R, N, P},
        /* Unpromoted */ {S, S, S, N, P},
        /* Promoted */   {S, N, N, N, P},
    };

    private static final Step[][] ACTION = {
        /* Unknown */    {Step.ERROR, Step.STOP, Step.ERROR, Step.ERROR, Step.ERROR},
        /* Stopped */    {Step.ERROR, Step.NONE, Step.START, Step.START, Step.ERROR},
        /* Started */    {Step.ERROR, Step.STOP, Step.NONE, Step.NONE, Step.PROMOTE},
        /* Unpromoted */ {Step.ERROR, Step.STOP, Step.STOP, Step.NONE, Step.PROMOTE},
        /* Promoted */   {Step.ERROR, Step.DEMOTE, Step.DEMOTE, Step.DEMOTE, Step.NONE},
    };

    private RoleSteps() {
    }

    static Role next(Role current, Role wanted) {
        return NEXT[current.ordinal()][wanted.ordinal()];
    }

    static Step action(Role current, Role next) {
        return ACTION[current.ordinal()][next.ordinal()];
    }
}
