package dev.vigil.scheduler;

import dev.vigil.model.cib.Cib;
import java.time.Instant;

/**
 * The scheduler's whole input: a CIB and the time to evaluate it at. Callers pass the CIB's
 * {@code execution-date} when it has one (see {@link #at}); the scheduler never reads a clock.
 */
public record ClusterSnapshot(Cib cib, Instant now) {
    /** The snapshot at the CIB's own execution-date, or at {@code fallbackNow} when it has none. */
    public static ClusterSnapshot at(Cib cib, Instant fallbackNow) {
        String date = cib.get("execution-date");
        if (date != null) {
            try {
                return new ClusterSnapshot(cib, Instant.ofEpochSecond(Long.parseLong(date.trim())));
            } catch (NumberFormatException e) {
                // An unreadable execution-date is ignored, as Pacemaker does.
            }
        }
        return new ClusterSnapshot(cib, fallbackNow);
    }
}
