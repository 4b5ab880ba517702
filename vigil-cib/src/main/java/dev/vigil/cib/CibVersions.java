package dev.vigil.cib;

import dev.vigil.model.cib.Cib;
import dev.vigil.model.cib.CibVersion;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * How a change moves the version, as in Pacemaker: a change to the configuration (or to the
 * root element's own settings such as {@code validate-with}) is a new epoch with num_updates 0;
 * a change to the status section (or to the cluster-state fields {@code have-quorum} and
 * {@code dc-uuid}) only counts up num_updates. {@code admin_epoch} moves only when a change
 * raises it (the admin's way to make a copy win).
 */
public final class CibVersions {
    /** Root attributes the cluster sets itself; a change's own values for them are ignored. */
    public static final Set<String> MANAGED_ATTRIBUTES = Set.of("admin_epoch", "epoch", "num_updates",
            "have-quorum", "dc-uuid", "cib-last-written", "update-origin", "update-client", "update-user");
    /** The managed attributes that describe the cluster's state, not bookkeeping of the write. */
    private static final Set<String> STATE_ATTRIBUTES = Set.of("have-quorum", "dc-uuid");

    private CibVersions() {
    }

    /** The root attributes a change may set, in document order. */
    public static Map<String, String> userAttributes(Cib cib) {
        Map<String, String> out = new LinkedHashMap<>(cib.attributes());
        out.keySet().removeAll(MANAGED_ATTRIBUTES);
        return out;
    }

    /** Whether {@code after} differs from {@code before} in what makes a new epoch. */
    public static boolean configurationChanged(Cib before, Cib after) {
        return !before.configuration().equals(after.configuration())
                || !userAttributes(before).equals(userAttributes(after))
                || after.version().adminEpoch() > before.version().adminEpoch();
    }

    /** Whether {@code after} differs from {@code before} in what bumps num_updates. */
    public static boolean statusChanged(Cib before, Cib after) {
        if (!before.status().equals(after.status())) {
            return true;
        }
        for (String name : STATE_ATTRIBUTES) {
            if (!java.util.Objects.equals(before.get(name), after.get(name))) {
                return true;
            }
        }
        return false;
    }

    /** The version {@code after} gets when it replaces {@code before}; the same one if nothing changed. */
    public static CibVersion next(Cib before, Cib after) {
        CibVersion v = before.version();
        if (configurationChanged(before, after)) {
            long admin = Math.max(v.adminEpoch(), after.version().adminEpoch());
            return new CibVersion(admin, v.epoch() + 1, 0);
        }
        return statusChanged(before, after) ? v.nextUpdate() : v;
    }
}
