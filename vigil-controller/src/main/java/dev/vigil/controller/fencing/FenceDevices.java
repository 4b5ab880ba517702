package dev.vigil.controller.fencing;

import dev.vigil.controller.core.ClusterOptions;
import dev.vigil.controller.core.ResourceIndex;
import dev.vigil.exec.fence.FenceConfig;
import dev.vigil.exec.fence.FenceDevice;
import dev.vigil.model.cib.Cib;
import dev.vigil.model.cib.NvPair;
import dev.vigil.model.cib.NvSet;
import dev.vigil.model.cib.Primitive;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fencer's configuration as the CIB defines it: every {@code stonith:} primitive that is not
 * disabled ({@code target-role=Stopped}) becomes a device with its instance attributes (agent
 * parameters and {@code pcmk_*} options together) and its {@code priority} meta attribute; the
 * levels come from {@code fencing-topology}; {@code stonith-timeout} from the cluster options.
 */
public final class FenceDevices {
    private FenceDevices() {
    }

    public static FenceConfig from(Cib cib) {
        ResourceIndex index = new ResourceIndex(cib.configuration());
        List<FenceDevice> devices = new ArrayList<>();
        for (Primitive p : index.fenceDevices()) {
            ResourceIndex.Info info = index.lookup(p.id());
            if ("stopped".equalsIgnoreCase(info.meta().getOrDefault("target-role", "Started"))) {
                continue;
            }
            int priority = 0;
            try {
                priority = Integer.parseInt(info.meta().getOrDefault("priority", "0").trim());
            } catch (NumberFormatException e) {
                // Pacemaker reads an unparsable priority as 0 too.
            }
            devices.add(new FenceDevice(p.id(), info.type(), params(p.instanceAttributes()), priority));
        }
        return new FenceConfig(devices, cib.configuration().fencingTopology(),
                ClusterOptions.from(cib).stonithTimeout());
    }

    private static Map<String, String> params(List<NvSet> sets) {
        Map<String, String> out = new LinkedHashMap<>();
        for (NvSet set : sets) {
            if (!set.rules().isEmpty()) {
                continue;
            }
            for (NvPair pair : set.pairs()) {
                if (pair.name() != null && pair.value() != null) {
                    out.put(pair.name(), pair.value());
                }
            }
        }
        return out;
    }
}
