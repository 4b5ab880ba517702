package dev.vigil.exec.agent;

import dev.vigil.exec.AgentNotFoundException;
import dev.vigil.exec.AgentPaths;
import dev.vigil.exec.AgentSpec;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Finds agents on disk and lists the installed ones (for listings and suggestions). */
public final class AgentCatalog {
    private static final int MAX_SUGGESTIONS = 3;
    private static final int MAX_LISTED = 10_000;

    private final AgentPaths paths;

    public AgentCatalog(AgentPaths paths) {
        this.paths = paths;
    }

    public AgentPaths paths() {
        return paths;
    }

    /** The executable of {@code ocf:PROVIDER:TYPE}, from the first directory of the search path that has it. */
    public Path ocf(AgentSpec spec) {
        List<Path> dirs = paths.ocfSearchPath();
        for (Path dir : dirs) {
            Path candidate = dir.resolve(spec.provider()).resolve(spec.type());
            if (Files.isRegularFile(candidate)) {
                return requireExecutable(spec, candidate);
            }
        }
        throw notFound(spec, dirs.stream().map(d -> d.resolve(spec.provider()).toString()).collect(Collectors.joining(", ")));
    }

    /** The init script of {@code lsb:NAME} (also used for {@code service:NAME} without systemd). */
    public Path lsb(AgentSpec spec) {
        Path candidate = paths.lsbDir().resolve(spec.type());
        if (Files.isRegularFile(candidate)) {
            return requireExecutable(spec, candidate);
        }
        throw notFound(spec, paths.lsbDir().toString());
    }

    /** Whether an init script of that name exists. */
    public boolean hasLsb(String name) {
        return Files.isRegularFile(paths.lsbDir().resolve(name));
    }

    /** The executable of fence agent {@code TYPE}, from the first fence directory that has it. */
    public Path fence(AgentSpec spec) {
        for (Path dir : paths.fenceAgentDirs()) {
            Path candidate = dir.resolve(spec.type());
            if (Files.isRegularFile(candidate)) {
                return requireExecutable(spec, candidate);
            }
        }
        throw notFound(spec, paths.fenceAgentDirs().stream().map(Path::toString).collect(Collectors.joining(", ")));
    }

    /** Installed agents of a class, sorted ({@code systemd} units are not listed). */
    public List<AgentSpec> list(String agentClass) {
        TreeSet<String> names = new TreeSet<>();
        switch (agentClass) {
            case AgentSpec.OCF -> {
                for (Path dir : paths.ocfSearchPath()) {
                    for (Path provider : entries(dir, Files::isDirectory)) {
                        for (Path type : entries(provider, AgentCatalog::isAgentFile)) {
                            names.add(AgentSpec.ocf(provider.getFileName().toString(), type.getFileName().toString()).toString());
                        }
                    }
                }
            }
            case AgentSpec.LSB, AgentSpec.SERVICE -> entries(paths.lsbDir(), AgentCatalog::isAgentFile)
                    .forEach(p -> names.add(agentClass + ":" + p.getFileName()));
            case AgentSpec.STONITH -> {
                for (Path dir : paths.fenceAgentDirs()) {
                    entries(dir, p -> isAgentFile(p) && p.getFileName().toString().startsWith("fence_"))
                            .forEach(p -> names.add(AgentSpec.STONITH + ":" + p.getFileName()));
                }
            }
            default -> {
                return List.of();
            }
        }
        List<AgentSpec> specs = new ArrayList<>();
        for (String name : names) {
            try {
                specs.add(AgentSpec.parse(name));
            } catch (IllegalArgumentException e) {
                // A file whose name cannot be an agent name (say, with a colon): not listable.
            }
        }
        return specs;
    }

    /** The exception for a missing agent, with where it was looked for and the closest names. */
    public AgentNotFoundException notFound(AgentSpec spec, String lookedIn) {
        List<AgentSpec> close = suggestions(spec);
        StringBuilder message = new StringBuilder("agent ").append(spec).append(" not found (looked in ")
                .append(lookedIn).append(')');
        if (!close.isEmpty()) {
            message.append("; did you mean ")
                    .append(close.stream().map(AgentSpec::toString).collect(Collectors.joining(", ", "", "?")));
        }
        return new AgentNotFoundException(spec, message.toString(), close);
    }

    /** Installed agents of the same class whose names are close to the wanted one, closest first. */
    public List<AgentSpec> suggestions(AgentSpec spec) {
        String wanted = spec.toString().toLowerCase(Locale.ROOT);
        int limit = Math.max(2, spec.type().length() / 3);
        String listClass = AgentSpec.SYSTEMD.equals(spec.agentClass()) ? AgentSpec.LSB : spec.agentClass();
        record Scored(AgentSpec spec, int distance) {
        }
        return list(listClass).stream()
                .map(candidate -> new Scored(candidate, Levenshtein.distance(wanted,
                        candidate.toString().toLowerCase(Locale.ROOT))))
                .filter(s -> s.distance() <= limit && !s.spec().equals(spec))
                .sorted(Comparator.comparingInt(Scored::distance).thenComparing(s -> s.spec().toString()))
                .limit(MAX_SUGGESTIONS)
                .map(Scored::spec)
                .toList();
    }

    private static Path requireExecutable(AgentSpec spec, Path file) {
        if (!Files.isExecutable(file)) {
            throw new AgentNotFoundException(spec, "agent " + spec + " at " + file + " is not executable", List.of());
        }
        return file;
    }

    private static boolean isAgentFile(Path p) {
        String name = p.getFileName().toString();
        return !name.startsWith(".") && Files.isRegularFile(p) && Files.isExecutable(p);
    }

    private static List<Path> entries(Path dir, java.util.function.Predicate<Path> keep) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path p : stream) {
                if (found.size() >= MAX_LISTED) {
                    break;
                }
                if (keep.test(p)) {
                    found.add(p);
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        found.sort(null);
        return found;
    }
}
