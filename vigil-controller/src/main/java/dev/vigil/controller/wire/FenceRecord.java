package dev.vigil.controller.wire;

import java.util.List;

/**
 * One fencing in the cluster's history: who was fenced, how, by which node and devices, whether
 * it worked and when. Kept by every node (bounded) and shown by status tools.
 *
 * @param target           the node fenced
 * @param action           reboot, off or on
 * @param success          whether the node is known to be fenced
 * @param executor         the node whose fencer ran the devices
 * @param origin           the DC that asked for it
 * @param devices          the devices that did it (empty on failure)
 * @param reason           why it failed (empty on success)
 * @param startedAtMillis  when the request started (epoch milliseconds)
 * @param completedAtMillis when it ended
 */
public record FenceRecord(String target, String action, boolean success, String executor, String origin,
                          List<String> devices, String reason, long startedAtMillis, long completedAtMillis) {
    public FenceRecord {
        devices = List.copyOf(devices);
        reason = reason == null ? "" : reason;
    }

    /** One line for logs: {@code reboot of node2 by node1 (fence_test) succeeded in 120ms}. */
    public String describe() {
        String how = success ? "succeeded" + (devices.isEmpty() ? "" : " with " + String.join(", ", devices))
                : "failed: " + reason;
        return action + " of " + target + " by " + executor + " for " + origin + " " + how + " in "
                + (completedAtMillis - startedAtMillis) + "ms";
    }
}
