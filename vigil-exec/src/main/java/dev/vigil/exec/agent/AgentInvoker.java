package dev.vigil.exec.agent;

import dev.vigil.exec.AgentException;
import dev.vigil.exec.AgentMetadata;
import dev.vigil.exec.AgentNotFoundException;
import dev.vigil.exec.AgentSpec;
import dev.vigil.exec.ExecutorConfig;
import dev.vigil.exec.OcfResult;
import dev.vigil.exec.OpStatus;
import dev.vigil.exec.OperationRequest;
import dev.vigil.exec.process.ProcessOutcome;
import dev.vigil.exec.process.ProcessRunner;
import dev.vigil.exec.process.ProcessSpec;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;

/**
 * Runs one agent call of any class, synchronously, in the calling thread: picks the class's
 * runner, enforces the timeout and turns what happened into an {@link Invocation}. Thread-safe.
 */
public final class AgentInvoker {
    static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);

    private final ExecutorConfig config;
    private final AgentCatalog catalog;
    private final ProcessRunner runner;
    private final Map<String, Standard> standards;

    public AgentInvoker(ExecutorConfig config, AgentCatalog catalog, ProcessRunner runner) {
        this.config = config;
        this.catalog = catalog;
        this.runner = runner;
        SystemdStandard systemd = new SystemdStandard(this);
        LsbStandard lsb = new LsbStandard(this);
        this.standards = Map.of(
                AgentSpec.OCF, new OcfStandard(this),
                AgentSpec.LSB, lsb,
                AgentSpec.SYSTEMD, systemd,
                AgentSpec.SERVICE, new ServiceStandard(this, systemd, lsb),
                AgentSpec.STONITH, new StonithStandard(this));
    }

    public ExecutorConfig config() {
        return config;
    }

    public AgentCatalog catalog() {
        return catalog;
    }

    /** Runs the request with its timeout (or the configured default). Never throws for agent trouble. */
    public Invocation invoke(OperationRequest request) throws InterruptedException {
        Duration timeout = request.timeout() != null ? request.timeout() : config.defaultTimeout();
        try {
            return standards.get(request.agent().agentClass()).invoke(request, timeout);
        } catch (AgentNotFoundException e) {
            return Invocation.immediate(OcfResult.ERR_INSTALLED.code(), OpStatus.NOT_INSTALLED, e.getMessage(),
                    config.clock().instant());
        }
    }

    /**
     * The agent's meta-data.
     *
     * @throws AgentNotFoundException when the agent is not installed
     * @throws AgentException when it cannot be described
     */
    public AgentMetadata metadata(AgentSpec agent) {
        try {
            return standards.get(agent.agentClass()).metadata(agent, METADATA_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AgentException("agent " + agent + ": interrupted while reading its meta-data", e);
        }
    }

    /**
     * Runs a process for an agent call and maps the outcome: a timeout is rc 1 with status
     * timed out, a process that cannot start is rc 5 (not installed) for a missing or
     * unrunnable file and rc 1 otherwise, and an exit code goes through {@code mapRc}.
     */
    Invocation run(String what, List<String> command, Map<String, String> environment, String stdin, Duration timeout,
                   IntUnaryOperator mapRc) throws InterruptedException {
        ProcessOutcome outcome;
        try {
            outcome = runner.run(new ProcessSpec(command, environment, stdin, timeout, config.workingDirectory()));
        } catch (IOException e) {
            return Invocation.immediate(OcfResult.ERR_INSTALLED.code(), OpStatus.NOT_INSTALLED,
                    ExitReasons.cap(what + ": cannot run " + command.get(0) + ": " + e.getMessage()), clock().instant());
        }
        String agentReason = ExitReasons.fromStderr(outcome.stderr());
        if (outcome.timedOut()) {
            String reason = what + " timed out after " + timeout.toMillis() + "ms";
            if (!outcome.leftoverPids().isEmpty()) {
                reason += "; processes " + outcome.leftoverPids() + " survived SIGKILL";
            }
            return new Invocation(OcfResult.ERR_GENERIC.code(), OpStatus.TIMED_OUT, ExitReasons.cap(reason),
                    outcome.stdout(), outcome.stderr(), outcome.startedAt(), outcome.elapsed());
        }
        int exit = outcome.exitCode();
        int rc = mapRc.applyAsInt(exit);
        String reason = agentReason;
        if (reason.isEmpty() && exit > 128 && exit < 128 + 65) {
            reason = what + " was killed by signal " + (exit - 128);
        } else if (reason.isEmpty() && rc != exit && !OcfResult.isOcfCode(exit)) {
            reason = what + " exited with " + exit + ", which is not an OCF exit code";
        }
        return new Invocation(rc, OpStatus.DONE, reason, outcome.stdout(), outcome.stderr(), outcome.startedAt(),
                outcome.elapsed());
    }

    /** The environment every agent gets: PATH, the configured extras and the log settings. */
    Map<String, String> baseEnvironment() {
        Map<String, String> env = new java.util.TreeMap<>(config.environment());
        env.put("PATH", config.searchPath());
        if (config.logFacility() != null) {
            env.put("HA_LOGFACILITY", config.logFacility());
        }
        env.put("HA_debug", config.debug() ? "1" : "0");
        return env;
    }

    Clock clock() {
        return config.clock();
    }

    static int ocfRc(int exit) {
        return OcfResult.isOcfCode(exit) ? exit : OcfResult.ERR_GENERIC.code();
    }
}
