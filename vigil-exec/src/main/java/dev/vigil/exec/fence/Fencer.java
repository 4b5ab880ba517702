package dev.vigil.exec.fence;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Fences nodes. Requests block until done; two identical requests (same target and action)
 * made while one runs share its result instead of fencing twice.
 */
public interface Fencer extends AutoCloseable {
    /** Replaces the devices and levels; requests already running finish with the old ones. */
    void configure(FenceConfig config);

    /** Fences {@code target}; never throws for device trouble (the result says what failed). */
    default FenceResult fence(String target, FenceAction action) {
        return fence(target, action, Duration.ZERO);
    }

    /**
     * Fences {@code target} after {@code extraDelay} on top of the device's own delays (the
     * controller's {@code priority-fencing-delay}).
     */
    FenceResult fence(String target, FenceAction action, Duration extraDelay);

    /** The ids of the devices that can fence {@code target} (per pcmk_host_check), in the order they would be tried. */
    List<String> devicesFor(String target);

    /** Past results, oldest first, bounded. */
    List<FenceResult> history();

    /** The latest result for a node. */
    default Optional<FenceResult> lastResult(String target) {
        List<FenceResult> all = history();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).target().equals(target)) {
                return Optional.of(all.get(i));
            }
        }
        return Optional.empty();
    }

    @Override
    default void close() {
    }
}
