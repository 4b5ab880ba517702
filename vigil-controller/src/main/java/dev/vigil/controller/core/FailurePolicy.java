package dev.vigil.controller.core;

import dev.vigil.controller.status.OpHistory;
import dev.vigil.controller.status.StatusEdit;
import dev.vigil.model.cib.LrmOp;
import java.time.Instant;
import java.util.List;

/**
 * Which failures raise a fail count, as Pacemaker's controller decides: failed recurring
 * operations, starts, stops, promotes and demotes (a failed probe or notify is in the history,
 * which is enough for the scheduler). A failed start counts INFINITY when start-failure-is-fatal
 * (the default), a failed stop always does. With on-fail=ignore only the last-failure time is
 * recorded.
 */
final class FailurePolicy {
    private FailurePolicy() {
    }

    static List<StatusEdit> editsFor(String node, String rscId, LrmOp op, boolean ignore, ClusterOptions options,
                                     Instant now) {
        if (!OpHistory.failed(op) || op.opStatus() == LrmOp.STATUS_INVALID) {
            return List.of();
        }
        String task = op.operation();
        long interval = op.intervalMs();
        boolean counts = interval > 0 || task.equals("start") || task.equals("stop") || task.equals("promote")
                || task.equals("demote");
        if (!counts) {
            return List.of();
        }
        boolean infinity = task.equals("stop") || (task.equals("start") && options.startFailureIsFatal());
        return List.of(new StatusEdit.RecordFailure(node, rscId, task, interval, infinity, !ignore, now.getEpochSecond()));
    }
}
