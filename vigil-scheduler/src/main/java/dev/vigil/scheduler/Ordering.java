package dev.vigil.scheduler;

/**
 * An ordering before it is applied to actions: each side is a known action or a resource and
 * an action key ({@code web_start_0}) resolved once actions exist. Orderings are applied in
 * creation order, because resolving one may create an action that later ones find.
 */
record Ordering(Rsc firstRsc, String firstKey, Action firstAction, Rsc thenRsc, String thenKey,
                Action thenAction, int flags, String id, int requiredFirsts) {

    static Ordering byKey(Rsc first, String firstTask, Rsc then, String thenTask, int flags) {
        return new Ordering(first, Action.key(first.id, firstTask, 0), null, then, Action.key(then.id, thenTask, 0),
                null, flags, null, 0);
    }

    static Ordering actionThenKey(Action first, Rsc then, String thenTask, int flags) {
        return new Ordering(first.rsc, null, first, then, Action.key(then.id, thenTask, 0), null, flags, null, 0);
    }

    static Ordering keyThenAction(Rsc first, String firstTask, Action then, int flags) {
        return new Ordering(first, Action.key(first.id, firstTask, 0), null, then.rsc, null, then, flags, null, 0);
    }

    static Ordering actions(Action first, Action then, int flags) {
        return new Ordering(first.rsc, null, first, then.rsc, null, then, flags, null, 0);
    }

    Ordering withId(String constraintId, int required) {
        return new Ordering(firstRsc, firstKey, firstAction, thenRsc, thenKey, thenAction, flags, constraintId, required);
    }
}
