package dev.vigil.model.cib;

/**
 * A CIB's version, compared as Pacemaker does: admin_epoch, then epoch, then num_updates.
 */
public record CibVersion(long adminEpoch, long epoch, long numUpdates) implements Comparable<CibVersion> {
    public static final CibVersion ZERO = new CibVersion(0, 0, 0);

    @Override
    public int compareTo(CibVersion other) {
        int c = Long.compare(adminEpoch, other.adminEpoch);
        if (c == 0) {
            c = Long.compare(epoch, other.epoch);
        }
        if (c == 0) {
            c = Long.compare(numUpdates, other.numUpdates);
        }
        return c;
    }

    /** The version after a configuration change: epoch + 1, num_updates reset. */
    public CibVersion nextEpoch() {
        return new CibVersion(adminEpoch, epoch + 1, 0);
    }

    /** The version after a status-only change. */
    public CibVersion nextUpdate() {
        return new CibVersion(adminEpoch, epoch, numUpdates + 1);
    }

    @Override
    public String toString() {
        return adminEpoch + "." + epoch + "." + numUpdates;
    }
}
