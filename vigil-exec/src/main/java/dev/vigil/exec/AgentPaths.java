package dev.vigil.exec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where agents are found.
 *
 * <ul>
 * <li>{@code ocfRoot}: the OCF root ({@code /usr/lib/ocf}); agents pass it on as
 *     {@code OCF_ROOT} (for {@code lib/heartbeat/ocf-shellfuncs}) and
 *     {@code ocfRoot/resource.d/PROVIDER/TYPE} is searched.</li>
 * <li>{@code extraOcfDirs}: more directories laid out like {@code resource.d}
 *     ({@code DIR/PROVIDER/TYPE}), searched <em>before</em> {@code ocfRoot}. Vigil's own agents
 *     run from a checkout this way, without being installed.</li>
 * <li>{@code lsbDir}: the init scripts ({@code /etc/init.d}).</li>
 * <li>{@code fenceAgentDirs}: where {@code stonith:TYPE} is looked up, in order
 *     ({@code /usr/sbin}).</li>
 * </ul>
 */
public record AgentPaths(Path ocfRoot, List<Path> extraOcfDirs, Path lsbDir, List<Path> fenceAgentDirs) {
    public AgentPaths {
        extraOcfDirs = List.copyOf(extraOcfDirs);
        fenceAgentDirs = List.copyOf(fenceAgentDirs);
    }

    /** The standard locations of an installed system. */
    public static AgentPaths system() {
        return new AgentPaths(Path.of("/usr/lib/ocf"), List.of(), Path.of("/etc/init.d"), List.of(Path.of("/usr/sbin")));
    }

    /**
     * These paths plus Vigil's own agents from {@code agentsDir} (the repository's or the
     * installation's {@code agents/}): {@code agentsDir/ocf/resource.d} (provider {@code vigil})
     * and {@code agentsDir/fence}, searched first.
     */
    public AgentPaths withVigilAgents(Path agentsDir) {
        List<Path> ocf = new ArrayList<>();
        ocf.add(agentsDir.resolve("ocf").resolve("resource.d"));
        ocf.addAll(extraOcfDirs);
        List<Path> fence = new ArrayList<>();
        fence.add(agentsDir.resolve("fence"));
        fence.addAll(fenceAgentDirs);
        return new AgentPaths(ocfRoot, ocf, lsbDir, fence);
    }

    public AgentPaths withOcfRoot(Path root) {
        return new AgentPaths(root, extraOcfDirs, lsbDir, fenceAgentDirs);
    }

    public AgentPaths withLsbDir(Path dir) {
        return new AgentPaths(ocfRoot, extraOcfDirs, dir, fenceAgentDirs);
    }

    /** The OCF directories in search order: the extra ones, then {@code ocfRoot/resource.d}. */
    public List<Path> ocfSearchPath() {
        List<Path> all = new ArrayList<>(extraOcfDirs);
        all.add(ocfRoot.resolve("resource.d"));
        return all;
    }
}
