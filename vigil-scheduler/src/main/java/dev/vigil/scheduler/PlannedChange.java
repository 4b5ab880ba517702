package dev.vigil.scheduler;

/**
 * One line of the transition summary: what happens to a resource or a node, and why.
 *
 * @param change Start, Stop, Move, Recover, Restart, Promote, Demote, Migrate, Reload,
 *               Re-promote, Fence (ACTION) or Shutdown
 * @param subject the resource id, or the node name for node actions
 * @param details where: {@code node1}, {@code node1 -> node2}, {@code Promoted node1}…
 *                (empty for node actions)
 * @param reason why, in crm_simulate's words ({@code due to node availability},
 *               {@code blocked}…), or empty
 * @param nodeAction true for fencing and shutdown lines
 */
public record PlannedChange(String change, String subject, String details, String reason, boolean nodeAction) {
}
