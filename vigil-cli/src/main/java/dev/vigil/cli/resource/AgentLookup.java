package dev.vigil.cli.resource;

import dev.vigil.cli.edit.EditException;
import dev.vigil.cli.edit.UnknownIdException;
import dev.vigil.exec.AgentException;
import dev.vigil.exec.AgentMetadata;
import dev.vigil.exec.AgentNotFoundException;
import dev.vigil.exec.AgentPaths;
import dev.vigil.exec.AgentSpec;
import dev.vigil.exec.ExecutorConfig;
import dev.vigil.exec.agent.AgentCatalog;
import dev.vigil.exec.agent.AgentInvoker;
import dev.vigil.exec.process.ProcessRunner;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The agents installed on this machine, found where the daemon finds them: {@code $OCF_ROOT}
 * (default /usr/lib/ocf), Vigil's own {@code agents/} ({@code $VIGIL_HOME/agents}), /etc/init.d
 * and /usr/sbin for fence agents. System properties {@code vigil.ocf.root},
 * {@code vigil.agents.dir} and {@code vigil.lsb.dir} override them (tests, unusual layouts).
 */
public final class AgentLookup {
    private final AgentPaths paths;
    private final AgentCatalog catalog;

    public AgentLookup(AgentPaths paths) {
        this.paths = paths;
        this.catalog = new AgentCatalog(paths);
    }

    /** The paths from the environment, as described above. */
    public static AgentLookup fromEnvironment() {
        String ocfRoot = System.getProperty("vigil.ocf.root", envOr("OCF_ROOT", "/usr/lib/ocf"));
        AgentPaths paths = AgentPaths.system().withOcfRoot(Path.of(ocfRoot))
                .withLsbDir(Path.of(System.getProperty("vigil.lsb.dir", "/etc/init.d")));
        String agentsDir = System.getProperty("vigil.agents.dir");
        if (agentsDir == null && System.getenv("VIGIL_HOME") != null) {
            agentsDir = Path.of(System.getenv("VIGIL_HOME"), "agents").toString();
        }
        return new AgentLookup(agentsDir == null ? paths : paths.withVigilAgents(Path.of(agentsDir)));
    }

    /**
     * The agent a user named: {@code class:provider:type}, {@code class:type}, or a bare OCF type
     * ({@code IPaddr2}) when exactly one provider has it, as pcs allows.
     */
    public AgentSpec resolve(String text) {
        if (!text.contains(":")) {
            List<AgentSpec> matches = new ArrayList<>();
            for (AgentSpec s : catalog.list(AgentSpec.OCF)) {
                if (s.type().equals(text)) {
                    matches.add(s);
                }
            }
            if (matches.size() == 1) {
                return matches.get(0);
            }
            if (matches.size() > 1) {
                throw new EditException("agent '" + text + "' is ambiguous: " + String.join(", ",
                        matches.stream().map(AgentSpec::toString).toList()) + "; give the full name");
            }
            List<String> close = dev.vigil.cli.edit.Suggest.closest(text,
                    catalog.list(AgentSpec.OCF).stream().map(AgentSpec::type).toList());
            throw new UnknownIdException("agent '" + text + "' is not installed" + (close.isEmpty() ? ""
                    : " (did you mean " + String.join(" or ", close) + "?)") + "; see: vigil resource list-agents");
        }
        try {
            return AgentSpec.parse(text);
        } catch (IllegalArgumentException e) {
            throw new EditException(e.getMessage());
        }
    }

    /**
     * The agent's meta-data.
     *
     * @throws UnknownIdException when it is not installed, naming the closest installed agents
     * @throws EditException when it cannot be run or its meta-data do not parse
     */
    public AgentMetadata metadata(AgentSpec agent) {
        ExecutorConfig config = ExecutorConfig.builder("cli").paths(paths).systemdAvailable(ExecutorConfig.detectSystemd())
                .build();
        AgentInvoker invoker = new AgentInvoker(config, catalog, new ProcessRunner(256 * 1024, Duration.ofSeconds(2),
                Clock.systemUTC()));
        try {
            return invoker.metadata(agent);
        } catch (AgentNotFoundException e) {
            throw new UnknownIdException(e.getMessage());
        } catch (AgentException e) {
            throw new EditException(e.getMessage());
        }
    }

    /**
     * The meta-data, or with {@code force} null when they cannot be read (the agent may be
     * installed on the other nodes only); without it the error says that --force exists.
     */
    public AgentMetadata metadataOrForced(AgentSpec agent, boolean force) {
        try {
            return metadata(agent);
        } catch (EditException e) {
            if (force) {
                return null;
            }
            String message = e.getMessage() + "; --force creates it anyway";
            throw e instanceof UnknownIdException ? new UnknownIdException(message) : new EditException(message, e.details());
        }
    }

    /** Installed agents of a class, sorted. */
    public List<AgentSpec> list(String agentClass) {
        return catalog.list(agentClass);
    }

    private static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
