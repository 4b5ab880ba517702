package dev.vigil.exec.fence;

import dev.vigil.model.cib.FencingLevel;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The cluster's fencing configuration, as the caller reads it from the CIB: the devices, the
 * topology levels ({@code fencing-topology}) and the cluster property {@code stonith-timeout}
 * (Pacemaker's default 60s), the timeout of a device action that sets none of its own.
 */
public record FenceConfig(List<FenceDevice> devices, List<FencingLevel> levels, Duration stonithTimeout) {
    public static final Duration DEFAULT_STONITH_TIMEOUT = Duration.ofSeconds(60);
    public static final FenceConfig EMPTY = new FenceConfig(List.of(), List.of(), DEFAULT_STONITH_TIMEOUT);

    public FenceConfig {
        devices = List.copyOf(devices);
        levels = List.copyOf(levels);
        stonithTimeout = stonithTimeout == null ? DEFAULT_STONITH_TIMEOUT : stonithTimeout;
        if (stonithTimeout.isNegative() || stonithTimeout.isZero()) {
            throw new IllegalArgumentException("stonith-timeout must be positive: " + stonithTimeout);
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (FenceDevice d : devices) {
            if (!seen.add(d.id())) {
                throw new IllegalArgumentException("fence device '" + d.id() + "' is defined twice");
            }
        }
    }

    public FenceConfig(List<FenceDevice> devices, List<FencingLevel> levels) {
        this(devices, levels, DEFAULT_STONITH_TIMEOUT);
    }

    public Optional<FenceDevice> device(String id) {
        return devices.stream().filter(d -> d.id().equals(id)).findFirst();
    }
}
