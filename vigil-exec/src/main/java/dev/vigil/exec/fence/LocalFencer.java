package dev.vigil.exec.fence;

import dev.vigil.exec.AgentException;
import dev.vigil.exec.AgentMetadata;
import dev.vigil.exec.AgentSpec;
import dev.vigil.exec.agent.AgentCatalog;
import dev.vigil.exec.agent.FenceAgentCall;
import dev.vigil.exec.agent.MetadataParser;
import dev.vigil.exec.process.ProcessOutcome;
import dev.vigil.exec.process.ProcessRunner;
import dev.vigil.exec.process.ProcessSpec;
import dev.vigil.model.cib.FencingLevel;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The fencer of a real node: runs fence agents as child processes (own process group, timeout,
 * output cap), in the calling thread.
 *
 * <p>Which devices fence a node: the topology levels that name it (by name, name pattern or
 * node attribute), lowest index first, where a level succeeds when each of its devices
 * succeeds (a reboot through several devices is done as "off" on all of them, then "on"); with
 * no level for the node, each device that can fence it (per {@code pcmk_host_check}), highest
 * {@code priority} first, until one succeeds. The delay ({@code pcmk_delay_base},
 * {@code pcmk_delay_max}) of the first device to be used is waited once, before any agent runs,
 * and only for off and reboot.
 */
public final class LocalFencer implements Fencer {
    private static final System.Logger LOG = System.getLogger(LocalFencer.class.getName());
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);

    private final FencerOptions options;
    private final AgentCatalog catalog;
    private final ProcessRunner runner;
    private final Map<String, Optional<AgentMetadata>> metadataCache = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<FenceResult>> inFlight = new ConcurrentHashMap<>();
    private final ArrayDeque<FenceResult> history = new ArrayDeque<>();
    private volatile Configured current;

    /**
     * @throws IllegalArgumentException listing the problems of {@code config} (see {@link #problems})
     */
    public LocalFencer(FencerOptions options, FenceConfig config) {
        this.options = options;
        this.catalog = new AgentCatalog(options.paths());
        this.runner = new ProcessRunner(options.maxOutputBytes(), options.killGrace(), options.clock());
        configure(config);
    }

    /**
     * What is wrong with a configuration, one message per problem naming the device or level:
     * options that do not parse, levels naming unknown devices, bad target patterns. Empty when
     * it can be used.
     */
    public static List<String> problems(FenceConfig config) {
        List<String> problems = new ArrayList<>();
        for (FenceDevice d : config.devices()) {
            try {
                DeviceOptions.of(d);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        for (FencingLevel level : config.levels()) {
            if (level.index() < 1) {
                problems.add("fencing level '" + level.id() + "': index must be 1 or more, got " + level.index());
            }
            if (level.devices().isEmpty()) {
                problems.add("fencing level '" + level.id() + "': no devices");
            }
            for (String id : level.devices()) {
                if (config.device(id).isEmpty()) {
                    problems.add("fencing level '" + level.id() + "': unknown device '" + id + "'");
                }
            }
            if (level.targetPattern() != null) {
                try {
                    Pattern.compile(level.targetPattern());
                } catch (PatternSyntaxException e) {
                    problems.add("fencing level '" + level.id() + "': bad target-pattern: " + e.getDescription());
                }
            }
        }
        return problems;
    }

    @Override
    public void configure(FenceConfig config) {
        List<String> problems = problems(config);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("fencing configuration rejected: " + String.join("; ", problems));
        }
        Map<String, DeviceOptions> parsed = new LinkedHashMap<>();
        for (FenceDevice d : config.devices()) {
            parsed.put(d.id(), DeviceOptions.of(d));
        }
        current = new Configured(config, parsed);
    }

    @Override
    public FenceResult fence(String target, FenceAction action, Duration extraDelay) {
        if (target == null || target.isBlank()) {
            throw new IllegalArgumentException("fence: missing target node");
        }
        String key = target + "\0" + action;
        CompletableFuture<FenceResult> mine = new CompletableFuture<>();
        CompletableFuture<FenceResult> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            return running.join();
        }
        try {
            FenceResult result = new Request(current, target, action, extraDelay == null ? Duration.ZERO : extraDelay).run();
            remember(result);
            LOG.log(result.success() ? System.Logger.Level.INFO : System.Logger.Level.WARNING, result.describe());
            mine.complete(result);
            return result;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    @Override
    public List<String> devicesFor(String target) {
        Request r = new Request(current, target, FenceAction.OFF, Duration.ZERO);
        List<FencingLevel> levels = r.levels();
        Set<String> ids = new LinkedHashSet<>();
        if (!levels.isEmpty()) {
            levels.forEach(l -> ids.addAll(l.devices()));
            return List.copyOf(ids);
        }
        for (FenceDevice d : r.capableDevices()) {
            ids.add(d.id());
        }
        return List.copyOf(ids);
    }

    @Override
    public List<FenceResult> history() {
        synchronized (history) {
            return List.copyOf(history);
        }
    }

    private void remember(FenceResult result) {
        synchronized (history) {
            history.addLast(result);
            while (history.size() > options.maxHistory()) {
                history.removeFirst();
            }
        }
    }

    /** The agent's meta-data, fetched once per agent; empty when it cannot be had. */
    private Optional<AgentMetadata> metadata(String agentType) {
        return metadataCache.computeIfAbsent(agentType, type -> {
            AgentSpec spec = AgentSpec.stonith(type);
            try {
                Path agent = catalog.fence(spec);
                ProcessOutcome out = runner.run(new ProcessSpec(List.of(agent.toString()), environment(),
                        FenceAgentCall.stdin(Map.of("action", "metadata")), METADATA_TIMEOUT, Path.of("/")));
                if (out.timedOut() || out.exitCode() != 0) {
                    return Optional.empty();
                }
                return Optional.of(MetadataParser.parse(spec, out.stdout()));
            } catch (AgentException | IOException e) {
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        });
    }

    private Map<String, String> environment() {
        return Map.of("PATH", options.searchPath());
    }

    /** The configuration in use, with each device's options parsed. */
    private record Configured(FenceConfig config, Map<String, DeviceOptions> deviceOptions) {
    }

    /** Whether a device can fence the target, and if not, why. */
    private record Capability(boolean able, String why) {
    }

    /** One fencing request being carried out; collects the agent calls it makes. */
    private final class Request {
        private final Configured cfg;
        private final String target;
        private final FenceAction action;
        private final Duration extraDelay;
        private final List<FenceAttempt> attempts = new ArrayList<>();
        private final Instant startedAt = options.clock().instant();
        private final long startNanos = System.nanoTime();
        private Duration delay = Duration.ZERO;

        Request(Configured cfg, String target, FenceAction action, Duration extraDelay) {
            this.cfg = cfg;
            this.target = target;
            this.action = action;
            this.extraDelay = extraDelay;
        }

        FenceResult run() {
            List<FencingLevel> levels = levels();
            return levels.isEmpty() ? viaDevices() : viaTopology(levels);
        }

        /** The levels that apply to the target, by index. */
        List<FencingLevel> levels() {
            Map<String, String> attributes = null;
            List<FencingLevel> matching = new ArrayList<>();
            for (FencingLevel level : cfg.config().levels()) {
                boolean applies;
                if (level.target() != null) {
                    applies = level.target().equals(target);
                } else if (level.targetPattern() != null) {
                    applies = Pattern.compile(level.targetPattern()).matcher(target).find();
                } else if (level.targetAttribute() != null) {
                    if (attributes == null) {
                        attributes = options.nodeAttributes().apply(target);
                    }
                    applies = level.targetValue() != null && level.targetValue().equals(attributes.get(level.targetAttribute()));
                } else {
                    applies = false;
                }
                if (applies) {
                    matching.add(level);
                }
            }
            matching.sort(Comparator.comparingInt(FencingLevel::index).thenComparing(FencingLevel::id));
            return matching;
        }

        /** Devices that can fence the target, highest priority first (then configuration order). */
        List<FenceDevice> capableDevices() {
            List<FenceDevice> sorted = new ArrayList<>(cfg.config().devices());
            sorted.sort(Comparator.comparingInt(FenceDevice::priority).reversed());
            List<FenceDevice> capable = new ArrayList<>();
            for (FenceDevice d : sorted) {
                Capability c = capability(d);
                if (c.able()) {
                    capable.add(d);
                } else {
                    attempts.add(new FenceAttempt(d.id(), 0, "-", -1, false, Duration.ZERO, "", c.why()));
                }
            }
            return capable;
        }

        private FenceResult viaDevices() {
            List<FenceDevice> capable = capableDevices();
            if (capable.isEmpty()) {
                String why = cfg.config().devices().isEmpty() ? "no fence devices are configured"
                        : "no fence device can fence " + target;
                return failure(0, why, null);
            }
            if (!waitDelay(capable.get(0))) {
                return failure(0, "interrupted while waiting the fencing delay", null);
            }
            FenceAttempt last = null;
            for (FenceDevice d : capable) {
                last = runDevice(d, action, 0);
                if (last.succeeded()) {
                    return success(0, List.of(d.id()), last);
                }
            }
            return failure(0, "every device that can fence " + target + " failed; last: " + summary(last), last);
        }

        private FenceResult viaTopology(List<FencingLevel> levels) {
            Optional<FenceDevice> first = cfg.config().device(levels.get(0).devices().get(0));
            if (!waitDelay(first.orElse(null))) {
                return failure(levels.get(0).index(), "interrupted while waiting the fencing delay", null);
            }
            FenceAttempt last = null;
            String lastWhy = "";
            for (FencingLevel level : levels) {
                List<FenceDevice> devices = new ArrayList<>();
                String problem = null;
                for (String id : level.devices()) {
                    Optional<FenceDevice> d = cfg.config().device(id);
                    if (d.isEmpty()) {
                        problem = "unknown device '" + id + "'";
                        break;
                    }
                    Capability c = capability(d.get());
                    if (!c.able()) {
                        problem = c.why();
                        break;
                    }
                    devices.add(d.get());
                }
                if (problem != null) {
                    lastWhy = "level " + level.index() + ": " + problem;
                    attempts.add(new FenceAttempt(String.join(",", level.devices()), level.index(), "-", -1, false,
                            Duration.ZERO, "", problem));
                    continue;
                }
                FenceAttempt failed = runLevel(level, devices);
                if (failed == null) {
                    last = attempts.get(attempts.size() - 1);
                    return success(level.index(), level.devices(), last);
                }
                last = failed;
                lastWhy = "level " + level.index() + ": " + summary(failed);
            }
            return failure(levels.get(levels.size() - 1).index(), "every fencing level for " + target + " failed; last: "
                    + lastWhy, last);
        }

        /** Runs one level; returns the failing attempt, or null when every device succeeded. */
        private FenceAttempt runLevel(FencingLevel level, List<FenceDevice> devices) {
            if (action == FenceAction.REBOOT && devices.size() > 1) {
                // As Pacemaker: reboot through several devices (say, two power supplies) is
                // "off" on all, then "on" on all; the node is safe once all are off.
                for (FenceDevice d : devices) {
                    FenceAttempt a = runDevice(d, FenceAction.OFF, level.index());
                    if (!a.succeeded()) {
                        return a;
                    }
                }
                for (FenceDevice d : devices) {
                    runDevice(d, FenceAction.ON, level.index());
                }
                return null;
            }
            for (FenceDevice d : devices) {
                FenceAttempt a = runDevice(d, action, level.index());
                if (!a.succeeded()) {
                    return a;
                }
            }
            return null;
        }

        /** Runs the requested action on one device, retrying within its timeout. */
        private FenceAttempt runDevice(FenceDevice device, FenceAction requested, int level) {
            DeviceOptions opts = cfg.deviceOptions().get(device.id());
            String agentAction = opts.agentAction(requested.word());
            Duration timeout = opts.timeout(requested.word(), cfg.config().stonithTimeout());
            long deadline = System.nanoTime() + timeout.toNanos();
            FenceAttempt attempt = null;
            for (int i = 0; i < opts.retries(requested.word()); i++) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    break;
                }
                attempt = call(device, opts, agentAction, true, Duration.ofNanos(remaining), level);
                if (attempt.succeeded() || attempt.timedOut() || attempt.exitCode() < 0) {
                    break;
                }
            }
            return attempt != null ? attempt : record(new FenceAttempt(device.id(), level, agentAction, -1, true,
                    Duration.ZERO, "", "no time left"));
        }

        private Capability capability(FenceDevice device) {
            DeviceOptions opts = cfg.deviceOptions().get(device.id());
            HostCheck check = opts.hostCheck() != null ? opts.hostCheck() : defaultCheck(device, opts);
            switch (check) {
                case NONE:
                    return new Capability(true, "");
                case STATIC_LIST:
                    return opts.listsStatically(target) ? new Capability(true, "")
                            : new Capability(false, "device '" + device.id() + "' does not list " + target
                            + " in pcmk_host_list or pcmk_host_map");
                case DYNAMIC_LIST: {
                    Duration timeout = opts.timeout("list", cfg.config().stonithTimeout());
                    FenceAttempt a = call(device, opts, opts.agentAction("list"), false, timeout, 0);
                    if (!a.succeeded()) {
                        return new Capability(false, "device '" + device.id() + "': list failed (" + summary(a) + ")");
                    }
                    return listed(a.output(), opts.portFor(target)) || listed(a.output(), target)
                            ? new Capability(true, "")
                            : new Capability(false, "device '" + device.id() + "' does not list " + target);
                }
                case STATUS:
                default: {
                    Duration timeout = opts.timeout("status", cfg.config().stonithTimeout());
                    FenceAttempt a = call(device, opts, opts.agentAction("status"), true, timeout, 0);
                    return !a.timedOut() && (a.exitCode() == 0 || a.exitCode() == 2) ? new Capability(true, "")
                            : new Capability(false, "device '" + device.id() + "': status of " + target + " failed ("
                            + summary(a) + ")");
                }
            }
        }

        // Pacemaker's default: the static list when one is given, else whatever the agent supports.
        private HostCheck defaultCheck(FenceDevice device, DeviceOptions opts) {
            if (opts.hasStaticHosts()) {
                return HostCheck.STATIC_LIST;
            }
            Optional<AgentMetadata> md = metadata(device.agent());
            if (md.isEmpty() || md.get().supports("list")) {
                return HostCheck.DYNAMIC_LIST;
            }
            return md.get().supports("status") ? HostCheck.STATUS : HostCheck.NONE;
        }

        /** One agent call. {@code aboutTarget}: pass the port and node name (not for list and monitor). */
        private FenceAttempt call(FenceDevice device, DeviceOptions opts, String agentAction, boolean aboutTarget,
                                  Duration timeout, int level) {
            Path agent;
            try {
                agent = catalog.fence(AgentSpec.stonith(device.agent()));
            } catch (AgentException e) {
                return record(new FenceAttempt(device.id(), level, agentAction, -1, false, Duration.ZERO, "", e.getMessage()));
            }
            Map<String, String> args = new LinkedHashMap<>();
            args.put("action", agentAction);
            if (aboutTarget) {
                String hostArgument = hostArgument(device, opts);
                if (!hostArgument.equals("none")) {
                    args.put(hostArgument, opts.portFor(target));
                }
                args.put("nodename", target);
            }
            args.putAll(FenceAgentCall.deviceArguments(device.params()));
            String stdin;
            try {
                stdin = FenceAgentCall.stdin(args);
            } catch (IllegalArgumentException e) {
                return record(new FenceAttempt(device.id(), level, agentAction, -1, false, Duration.ZERO, "",
                        "device '" + device.id() + "': " + e.getMessage()));
            }
            try {
                ProcessOutcome out = runner.run(new ProcessSpec(List.of(agent.toString()), environment(), stdin, timeout,
                        Path.of("/")));
                String output = joinOutput(out.stdout(), out.stderr());
                String note = out.timedOut() ? "timed out after " + timeout.toMillis() + "ms" : "";
                return record(new FenceAttempt(device.id(), level, agentAction, out.timedOut() ? -1 : out.exitCode(),
                        out.timedOut(), out.elapsed(), output, note));
            } catch (IOException e) {
                return record(new FenceAttempt(device.id(), level, agentAction, -1, false, Duration.ZERO, "",
                        "cannot run " + agent + ": " + e.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return record(new FenceAttempt(device.id(), level, agentAction, -1, true, Duration.ZERO, "", "interrupted"));
            }
        }

        private FenceAttempt record(FenceAttempt a) {
            attempts.add(a);
            return a;
        }

        /** The agent parameter for the port: pcmk_host_argument, else plug if the agent declares it, else port. */
        private String hostArgument(FenceDevice device, DeviceOptions opts) {
            if (opts.hostArgument() != null) {
                return opts.hostArgument();
            }
            Optional<AgentMetadata> md = metadata(device.agent());
            if (md.isPresent() && md.get().parameter("plug").isPresent()) {
                return "plug";
            }
            return "port";
        }

        private boolean waitDelay(FenceDevice first) {
            Duration deviceDelay = first == null || action == FenceAction.ON ? Duration.ZERO
                    : cfg.deviceOptions().get(first.id()).delayFor(target, options.random());
            delay = deviceDelay.plus(extraDelay);
            if (delay.isZero() || delay.isNegative()) {
                return true;
            }
            try {
                Thread.sleep(delay.toMillis());
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        private FenceResult success(int level, List<String> devices, FenceAttempt deciding) {
            return result(true, level, devices, deciding, "");
        }

        private FenceResult failure(int level, String reason, FenceAttempt deciding) {
            return result(false, level, List.of(), deciding, reason);
        }

        private FenceResult result(boolean success, int level, List<String> devices, FenceAttempt deciding, String reason) {
            return new FenceResult(target, action, success, level, devices, deciding == null ? -1 : deciding.exitCode(),
                    deciding == null ? "" : deciding.output(), reason, delay, Duration.ofNanos(System.nanoTime() - startNanos),
                    startedAt, options.clock().instant(), attempts);
        }
    }

    /** Whether the agent's list output names the port: any field of a line ("port,alias" or "port alias"). */
    static boolean listed(String output, String port) {
        for (String line : output.split("\n")) {
            String l = line.strip();
            if (l.isEmpty()) {
                continue;
            }
            for (String field : l.split("[,\\s]+")) {
                if (field.equals(port)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String summary(FenceAttempt a) {
        if (a == null) {
            return "no agent ran";
        }
        String detail = !a.note().isEmpty() ? a.note() : lastLine(a.output());
        return "device '" + a.device() + "' " + a.agentAction() + " rc=" + a.exitCode() + (detail.isEmpty() ? "" : ": " + detail);
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines.length == 0 ? "" : lines[lines.length - 1].strip();
    }

    private static String joinOutput(String stdout, String stderr) {
        String out = stdout.strip();
        String err = stderr.strip();
        if (err.isEmpty()) {
            return out;
        }
        return out.isEmpty() ? err : out + "\n" + err;
    }
}
