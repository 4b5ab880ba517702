package dev.vigil.controller.core;

import dev.vigil.controller.status.CibStatus;
import dev.vigil.model.Durations;
import dev.vigil.model.cib.Cib;
import dev.vigil.model.cib.NodeState;
import java.time.Instant;
import java.util.Map;

/**
 * When the DC must run the scheduler again although nothing happened: after
 * cluster-recheck-interval, or sooner when a failure expires (the last failure time plus the
 * resource's failure-timeout), so that the expired fail count stops holding the resource back.
 */
final class Recheck {
    private Recheck() {
    }

    static Instant next(Cib cib, ResourceIndex index, ClusterOptions options, Instant now) {
        Instant next = now.plus(options.recheckInterval());
        for (NodeState s : cib.status().nodes()) {
            Map<String, String> attrs = CibStatus.transientAttributes(s);
            for (Map.Entry<String, String> e : attrs.entrySet()) {
                if (!e.getKey().startsWith("last-failure-")) {
                    continue;
                }
                String rest = e.getKey().substring("last-failure-".length());
                int hash = rest.indexOf('#');
                String rscId = hash < 0 ? rest : rest.substring(0, hash);
                if (!attrs.containsKey("fail-count-" + rest)) {
                    continue;
                }
                ResourceIndex.Info info = index.lookup(rscId);
                long timeoutMs = info == null ? 0 : Durations.parseMillisOr(info.meta().get("failure-timeout"), 0);
                long last = parse(e.getValue());
                if (timeoutMs <= 0 || last <= 0) {
                    continue;
                }
                // One second late: the scheduler compares whole seconds and must see it expired.
                Instant expiry = Instant.ofEpochSecond(last).plusMillis(timeoutMs).plusSeconds(1);
                if (expiry.isAfter(now) && expiry.isBefore(next)) {
                    next = expiry;
                }
            }
        }
        return next;
    }

    private static long parse(String v) {
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
