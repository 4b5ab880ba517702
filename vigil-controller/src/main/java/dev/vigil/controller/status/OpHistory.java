package dev.vigil.controller.status;

import dev.vigil.model.cib.LrmOp;
import dev.vigil.model.cib.LrmResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How one operation result changes a resource's history on a node, as Pacemaker's controller
 * records it:
 *
 * <ul>
 *   <li>a one-shot result replaces {@code RSC_last_0}; a failed one also replaces
 *       {@code RSC_last_failure_0};</li>
 *   <li>a recurring result replaces its own entry ({@code RSC_monitor_10000}); a failed one
 *       replaces only {@code RSC_last_failure_0}, so the entry keeps the last good answer;</li>
 *   <li>a cancelled recurring operation's entry goes away, and so do all recurring entries
 *       after a successful stop (the executor cancels them before it stops);</li>
 *   <li>a pending entry (op-status -1) never replaces the completed result of the same action.</li>
 * </ul>
 *
 * Used both by each node for its own history and by the DC for the CIB, so both agree.
 */
public final class OpHistory {
    public static final String PENDING_RC = "193";

    private OpHistory() {
    }

    /** A resource's history after {@code op}; {@code entry} may be null (no history yet). */
    public static LrmResource record(LrmResource entry, String rscId, String agentClass, String provider,
                                     String type, LrmOp op) {
        LrmResource base = entry != null ? entry
                : new LrmResource(rscId, agentClass, provider, type, null, List.of());
        Map<String, LrmOp> ops = new LinkedHashMap<>();
        for (LrmOp o : base.ops()) {
            ops.put(o.id(), o);
        }
        int status = op.opStatus();
        long interval = op.intervalMs();
        String key = rscId + "_" + op.operation() + "_" + interval;
        if (status == LrmOp.STATUS_CANCELLED) {
            ops.remove(key);
            return rebuild(base, ops);
        }
        if (status == LrmOp.STATUS_PENDING) {
            String id = interval > 0 ? key : rscId + "_last_0";
            LrmOp existing = ops.get(id);
            if (existing != null && existing.opStatus() != LrmOp.STATUS_PENDING
                    && op.transitionKey() != null && op.transitionKey().equals(existing.transitionKey())) {
                return base; // the result already arrived
            }
            ops.put(id, op.with("id", id));
            return rebuild(base, ops);
        }
        if (failed(op)) {
            String failureId = rscId + "_last_failure_0";
            ops.put(failureId, op.with("id", failureId));
            if (interval == 0) {
                ops.put(rscId + "_last_0", op.with("id", rscId + "_last_0"));
            }
        } else if (interval > 0) {
            ops.put(key, op.with("id", key));
        } else {
            ops.put(rscId + "_last_0", op.with("id", rscId + "_last_0"));
            if ("stop".equals(op.operation())) {
                ops.values().removeIf(o -> o.intervalMs() > 0);
            }
        }
        return rebuild(base, ops);
    }

    /** A resource's history without the entry {@code opId} (a cancelled recurring operation). */
    public static LrmResource remove(LrmResource entry, String opId) {
        if (entry == null) {
            return null;
        }
        List<LrmOp> ops = new ArrayList<>();
        for (LrmOp o : entry.ops()) {
            if (!opId.equals(o.id())) {
                ops.add(o);
            }
        }
        return new LrmResource(entry.id(), entry.agentClass(), entry.provider(), entry.type(), entry.container(), ops);
    }

    /**
     * Whether the recorded result is a failure: not completed, or an answer other than the one
     * the transition key expected (degraded answers count as their healthy twins).
     */
    public static boolean failed(LrmOp op) {
        if (op.opStatus() == LrmOp.STATUS_PENDING || op.opStatus() == LrmOp.STATUS_CANCELLED) {
            return false;
        }
        if (op.opStatus() != LrmOp.STATUS_DONE) {
            return true;
        }
        return effectiveRc(op.rcCode()) != expectedRc(op);
    }

    /** Pacemaker's effective rc: degraded answers count as their healthy twins. */
    public static int effectiveRc(int rc) {
        return switch (rc) {
            case 190 -> 0;
            case 191 -> 8;
            default -> rc;
        };
    }

    /** The rc the transition key expected ({@code action:transition:rc:uuid}), 0 without a key. */
    public static int expectedRc(LrmOp op) {
        TransitionKey key = TransitionKey.parse(op.transitionKey());
        return key == null ? 0 : key.targetRc();
    }

    private static LrmResource rebuild(LrmResource base, Map<String, LrmOp> ops) {
        return new LrmResource(base.id(), base.agentClass(), base.provider(), base.type(), base.container(),
                new ArrayList<>(ops.values()));
    }
}
