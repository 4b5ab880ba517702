package dev.vigil.exec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How a {@code dev.vigil.exec.local.LocalExecutor} runs agents. Build with {@link #builder(String)}; every field has
 * a default fit for a real node.
 *
 * @param nodeName            this node's cluster name; passed as {@code OCF_RESKEY_CRM_meta_on_node}
 *                            when the request's meta does not say
 * @param paths               where agents are found
 * @param systemdAvailable    whether systemd is the init system (PID 1); when false,
 *                            {@code systemd:} agents answer "not installed" with a reason
 * @param maxParallel         how many operations run at once (on different resources)
 * @param maxQueuedPerResource how many operations may wait behind one resource's running one
 * @param maxOutputBytes      how much of an agent's stdout, and of its stderr, is kept
 * @param defaultTimeout      the timeout of a request that gives none (Pacemaker's 20s)
 * @param killGrace           time between SIGTERM and SIGKILL when a timeout kills an agent
 * @param searchPath          {@code PATH} for agents
 * @param environment         more variables for every agent (e.g. {@code HA_RSCTMP})
 * @param logFacility         {@code HA_LOGFACILITY} (syslog facility agents log to); null leaves
 *                            it unset, so ocf-shellfuncs logs to stderr, which is captured
 * @param debug               {@code HA_debug=1}
 * @param workingDirectory    the directory agents start in
 * @param clock               for the timestamps of results
 */
public record ExecutorConfig(String nodeName, AgentPaths paths, boolean systemdAvailable, int maxParallel,
                             int maxQueuedPerResource, int maxOutputBytes, Duration defaultTimeout,
                             Duration killGrace, String searchPath, Map<String, String> environment,
                             String logFacility, boolean debug, Path workingDirectory, Clock clock) {
    public static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    public ExecutorConfig {
        Objects.requireNonNull(nodeName, "nodeName");
        Objects.requireNonNull(paths, "paths");
        if (maxParallel < 1 || maxParallel > 1024) {
            throw new IllegalArgumentException("maxParallel must be 1..1024: " + maxParallel);
        }
        if (maxQueuedPerResource < 1) {
            throw new IllegalArgumentException("maxQueuedPerResource must be positive: " + maxQueuedPerResource);
        }
        environment = java.util.Collections.unmodifiableMap(new TreeMap<>(environment));
    }

    public static Builder builder(String nodeName) {
        return new Builder(nodeName);
    }

    /** Whether systemd runs this machine (its runtime directory exists, as sd_booted(3) checks). */
    public static boolean detectSystemd() {
        return Files.isDirectory(Path.of("/run/systemd/system"));
    }

    /** Builds an {@link ExecutorConfig}. */
    public static final class Builder {
        private final String nodeName;
        private AgentPaths paths = AgentPaths.system();
        private boolean systemdAvailable = detectSystemd();
        private int maxParallel = 16;
        private int maxQueuedPerResource = 64;
        private int maxOutputBytes = 256 * 1024;
        private Duration defaultTimeout = Duration.ofSeconds(20);
        private Duration killGrace = Duration.ofSeconds(2);
        private String searchPath = DEFAULT_PATH;
        private Map<String, String> environment = Map.of();
        private String logFacility;
        private boolean debug;
        private Path workingDirectory = Path.of("/");
        private Clock clock = Clock.systemUTC();

        private Builder(String nodeName) {
            this.nodeName = nodeName;
        }

        public Builder paths(AgentPaths value) {
            paths = value;
            return this;
        }

        public Builder systemdAvailable(boolean value) {
            systemdAvailable = value;
            return this;
        }

        public Builder maxParallel(int value) {
            maxParallel = value;
            return this;
        }

        public Builder maxQueuedPerResource(int value) {
            maxQueuedPerResource = value;
            return this;
        }

        public Builder maxOutputBytes(int value) {
            maxOutputBytes = value;
            return this;
        }

        public Builder defaultTimeout(Duration value) {
            defaultTimeout = value;
            return this;
        }

        public Builder killGrace(Duration value) {
            killGrace = value;
            return this;
        }

        public Builder searchPath(String value) {
            searchPath = value;
            return this;
        }

        public Builder environment(Map<String, String> value) {
            environment = value;
            return this;
        }

        public Builder logFacility(String value) {
            logFacility = value;
            return this;
        }

        public Builder debug(boolean value) {
            debug = value;
            return this;
        }

        public Builder workingDirectory(Path value) {
            workingDirectory = value;
            return this;
        }

        public Builder clock(Clock value) {
            clock = value;
            return this;
        }

        public ExecutorConfig build() {
            return new ExecutorConfig(nodeName, paths, systemdAvailable, maxParallel, maxQueuedPerResource,
                    maxOutputBytes, defaultTimeout, killGrace, searchPath, environment, logFacility, debug,
                    workingDirectory, clock);
        }
    }
}
