package dev.vigil.scheduler;

import dev.vigil.model.Role;

/**
 * "Place {@code dependent} relative to {@code primary}" with a score; the primary is placed
 * first. Roles restrict the constraint to instances in that role ({@link Role#UNKNOWN} = any).
 * {@code nodeAttribute} compares nodes by that attribute instead of by identity.
 */
record Colocation(String id, Rsc dependent, Rsc primary, int score, Role dependentRole,
                  Role primaryRole, String nodeAttribute, boolean influence) {
}
