package dev.vigil.scheduler;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.cib.CibXml;
import dev.vigil.model.cib.Cib;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs the scheduler over Pacemaker's own regression corpus ({@code ../shared/pacemaker-cts})
 * and compares, per case, (a) the Transition Summary block, (b) the whole summary as
 * cts-scheduler's {@code diff -w -B} sees it and (c) the score lines as a set. Prints pass
 * rates per feature. The ratchet file lists every case/component known to pass: the test
 * fails if one of them stops passing. Run with {@code -Dvigil.ratchet.update=true} to add
 * newly passing cases to the ratchet (entries are never removed automatically).
 */
class ConformanceTest {
    private static final Path RATCHET = Path.of("src/test/resources/conformance-ratchet.txt");

    static Path corpus() {
        return Path.of(System.getProperty("vigil.cts.dir", "../../shared/pacemaker-cts"));
    }

    record Outcome(String name, boolean a, boolean b, boolean c, Set<String> categories, String error) {
    }

    @Test
    void corpusCasesInTheRatchetKeepPassing() throws IOException {
        Path dir = corpus();
        List<Path> inputs;
        try (Stream<Path> s = Files.list(dir.resolve("xml"))) {
            inputs = s.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
        assertTrue(inputs.size() >= 599, "expected Pacemaker's corpus in " + dir);
        List<Outcome> outcomes = new ArrayList<>();
        for (Path input : inputs) {
            outcomes.add(run(dir, input));
        }
        printReport(outcomes);

        Set<String> passing = new TreeSet<>();
        for (Outcome o : outcomes) {
            if (o.a) {
                passing.add(o.name + " a");
            }
            if (o.b) {
                passing.add(o.name + " b");
            }
            if (o.c) {
                passing.add(o.name + " c");
            }
        }
        Set<String> ratchet = readRatchet();
        List<String> regressions = new ArrayList<>();
        for (String entry : ratchet) {
            if (!passing.contains(entry)) {
                regressions.add(entry);
            }
        }
        if (Boolean.getBoolean("vigil.ratchet.update")) {
            Set<String> updated = new TreeSet<>(ratchet);
            updated.addAll(passing);
            Files.writeString(RATCHET, "# case component (a = transition summary, b = whole summary, c = scores)\n"
                    + String.join("\n", updated) + "\n", StandardCharsets.UTF_8);
            System.out.println("ratchet: " + (updated.size() - ratchet.size()) + " entries added");
        }
        assertTrue(regressions.isEmpty(), "cases in the ratchet that no longer pass: " + regressions);
    }

    private static Set<String> readRatchet() throws IOException {
        Set<String> out = new LinkedHashSet<>();
        if (!Files.exists(RATCHET)) {
            return out;
        }
        for (String line : Files.readAllLines(RATCHET)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                out.add(line.trim());
            }
        }
        return out;
    }

    private static Outcome run(Path dir, Path input) throws IOException {
        String name = input.getFileName().toString().replaceFirst("\\.xml$", "");
        Set<String> categories = CorpusCategories.of(input);
        String expectedSummary = Files.readString(dir.resolve("summary/" + name + ".summary"));
        String expectedScores = Files.readString(dir.resolve("scores/" + name + ".scores"));
        String summary;
        List<String> scores;
        try {
            Cib cib = CibXml.read(input);
            CrmSimulate.Report report = CrmSimulate.run(ClusterSnapshot.at(cib, Instant.now()));
            summary = report.summary();
            scores = report.scores();
        } catch (RuntimeException | StackOverflowError e) {
            return new Outcome(name, false, false, false, categories, e.toString());
        }
        boolean a = transitionBlock(expectedSummary).equals(transitionBlock(summary));
        boolean b = squashed(expectedSummary).equals(squashed(summary));
        boolean c = lineSet(expectedScores).equals(lineSet(String.join("\n", scores)));
        return new Outcome(name, a, b, c, categories, null);
    }

    static List<String> transitionBlock(String text) {
        List<String> out = new ArrayList<>();
        boolean in = false;
        for (String line : text.split("\n")) {
            String s = line.strip();
            if (!in) {
                in = s.equals("Transition Summary:");
                continue;
            }
            if (s.equals("Executing Cluster Transition:") || (!s.isEmpty() && !Character.isWhitespace(line.charAt(0)))) {
                break;
            }
            if (!s.isEmpty()) {
                out.add(s.replaceAll("\\s+", " "));
            }
        }
        return out;
    }

    static List<String> squashed(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String s = line.replaceAll("\\s+", "");
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    static Set<String> lineSet(String text) {
        Set<String> out = new HashSet<>();
        for (String line : text.split("\n")) {
            String s = line.strip().replaceAll("\\s+", " ");
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    private static void printReport(List<Outcome> outcomes) {
        int n = outcomes.size();
        long a = outcomes.stream().filter(Outcome::a).count();
        long b = outcomes.stream().filter(Outcome::b).count();
        long c = outcomes.stream().filter(Outcome::c).count();
        StringBuilder r = new StringBuilder();
        r.append(String.format("%nScheduler conformance against Pacemaker's corpus (%d cases)%n", n));
        r.append(String.format("  (a) transition summary  %4d  %5.1f%%%n", a, 100.0 * a / n));
        r.append(String.format("  (b) whole summary       %4d  %5.1f%%%n", b, 100.0 * b / n));
        r.append(String.format("  (c) scores              %4d  %5.1f%%%n", c, 100.0 * c / n));
        TreeMap<String, int[]> byCategory = new TreeMap<>();
        for (Outcome o : outcomes) {
            for (String cat : o.categories) {
                int[] k = byCategory.computeIfAbsent(cat, x -> new int[4]);
                k[0]++;
                k[1] += o.a ? 1 : 0;
                k[2] += o.b ? 1 : 0;
                k[3] += o.c ? 1 : 0;
            }
        }
        r.append(String.format("  %-24s %5s %13s %13s %13s%n", "feature", "cases", "(a)", "(b)", "(c)"));
        for (var e : byCategory.entrySet()) {
            int[] k = e.getValue();
            r.append(String.format("  %-24s %5d %5d %5.1f%% %5d %5.1f%% %5d %5.1f%%%n", e.getKey(), k[0], k[1],
                    100.0 * k[1] / k[0], k[2], 100.0 * k[2] / k[0], k[3], 100.0 * k[3] / k[0]));
        }
        long errors = outcomes.stream().filter(o -> o.error != null).count();
        if (errors > 0) {
            r.append("  cases that threw: ").append(errors).append('\n');
            outcomes.stream().filter(o -> o.error != null).limit(10)
                    .forEach(o -> r.append("    ").append(o.name).append(": ").append(o.error).append('\n'));
        }
        System.out.println(r);
    }
}
