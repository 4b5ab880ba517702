package dev.vigil.exec.fence;

import dev.vigil.exec.AgentPaths;
import dev.vigil.exec.ExecutorConfig;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * How a {@link LocalFencer} runs on this node (as opposed to {@link FenceConfig}, the cluster's
 * fencing configuration).
 *
 * @param paths          where fence agents are found ({@link AgentPaths#fenceAgentDirs()})
 * @param random         source of the random part of {@code pcmk_delay_max}; seed it in tests
 * @param maxHistory     how many results {@link Fencer#history()} keeps
 * @param maxOutputBytes how much of an agent's stdout, and of its stderr, is kept
 * @param killGrace      time between SIGTERM and SIGKILL when an agent overruns its timeout
 * @param searchPath     {@code PATH} for fence agents
 * @param clock          for result timestamps
 * @param nodeAttributes a node's attributes, for levels that select targets by attribute
 */
public record FencerOptions(AgentPaths paths, Random random, int maxHistory, int maxOutputBytes, Duration killGrace,
                            String searchPath, Clock clock, Function<String, Map<String, String>> nodeAttributes) {
    public FencerOptions {
        if (maxHistory < 1) {
            throw new IllegalArgumentException("maxHistory must be positive: " + maxHistory);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link FencerOptions}. */
    public static final class Builder {
        private AgentPaths paths = AgentPaths.system();
        private Random random = new Random();
        private int maxHistory = 500;
        private int maxOutputBytes = 64 * 1024;
        private Duration killGrace = Duration.ofSeconds(2);
        private String searchPath = ExecutorConfig.DEFAULT_PATH;
        private Clock clock = Clock.systemUTC();
        private Function<String, Map<String, String>> nodeAttributes = node -> Map.of();

        public Builder paths(AgentPaths value) {
            paths = value;
            return this;
        }

        public Builder random(Random value) {
            random = value;
            return this;
        }

        /** A random source with this seed: the same seed gives the same delays. */
        public Builder seed(long seed) {
            random = new Random(seed);
            return this;
        }

        public Builder maxHistory(int value) {
            maxHistory = value;
            return this;
        }

        public Builder maxOutputBytes(int value) {
            maxOutputBytes = value;
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

        public Builder clock(Clock value) {
            clock = value;
            return this;
        }

        public Builder nodeAttributes(Function<String, Map<String, String>> value) {
            nodeAttributes = value;
            return this;
        }

        public FencerOptions build() {
            return new FencerOptions(paths, random, maxHistory, maxOutputBytes, killGrace, searchPath, clock, nodeAttributes);
        }
    }
}
