package dev.vigil.exec.fence;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One fence device: a {@code stonith:} primitive's id, its agent ({@code fence_xvm};
 * {@code stonith:fence_xvm} is accepted), its instance attributes (agent parameters and
 * {@code pcmk_*} options together, as in the CIB) and its {@code priority} meta attribute
 * (higher is tried first when no topology applies).
 */
public record FenceDevice(String id, String agent, Map<String, String> params, int priority) {
    public FenceDevice {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("fence device without id");
        }
        if (agent == null || agent.isBlank()) {
            throw new IllegalArgumentException("fence device '" + id + "': missing agent");
        }
        agent = agent.startsWith("stonith:") ? agent.substring("stonith:".length()) : agent;
        if (agent.contains("/") || agent.contains(":")) {
            throw new IllegalArgumentException("fence device '" + id + "': bad agent '" + agent + "'");
        }
        params = params == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    public FenceDevice(String id, String agent, Map<String, String> params) {
        this(id, agent, params, 0);
    }
}
