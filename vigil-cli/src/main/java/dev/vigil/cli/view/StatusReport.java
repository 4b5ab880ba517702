package dev.vigil.cli.view;

import dev.vigil.api.ApiTypes.FenceEvent;
import dev.vigil.scheduler.StatusView;
import java.util.List;

/**
 * Everything {@code vigil status} shows: the state worked out from the CIB plus what only the
 * daemon knows (quorum and its reason, the fencing history). Offline, from a file, the quorum
 * and DC come from the CIB itself and there is no fencing history.
 *
 * @param source       where the state was read: a file name or {@code the daemon at PATH}
 * @param cluster      the cluster's name, or null when unknown (a file)
 * @param quorumReason one sentence, or null when unknown
 */
public record StatusReport(String source, String cluster, String cibVersion, String dc, boolean quorum,
                           String quorumReason, StatusView view, List<FenceEvent> fencing) {
    public StatusReport {
        fencing = List.copyOf(fencing);
    }
}
