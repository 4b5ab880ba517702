package dev.vigil.cli;

import dev.vigil.cib.CibFormatException;
import dev.vigil.cib.CibXml;
import dev.vigil.model.cib.Cib;
import dev.vigil.scheduler.ClusterSnapshot;
import dev.vigil.scheduler.CrmSimulate;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code vigil simulate}: runs the scheduler offline on CIB files, printing crm_simulate's reports. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Run the scheduler on a CIB file and print what it would do, in crm_simulate's format:",
            "current status, transition summary, the simulated execution and the revised status."},
        footer = {"", "Examples:",
            "  vigil simulate --xml-file cib.xml",
            "  vigil simulate --xml-file cib.xml --show-scores",
            "  vigil simulate --xml-dir inputs/ --out-dir results/   (NAME.summary and NAME.scores per NAME.xml)"})
public final class SimulateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    static final class Input {
        @Option(names = {"-x", "--xml-file"}, paramLabel = "CIB.xml", description = "The CIB to simulate.")
        Path xmlFile;

        @Option(names = "--xml-dir", paramLabel = "DIR", description = "Simulate every DIR/NAME.xml (batch mode).")
        Path xmlDir;
    }

    @Option(names = "--out-dir", paramLabel = "DIR", description = "Batch mode: where NAME.summary and NAME.scores go.")
    Path outDir;

    @Option(names = {"-s", "--show-scores"}, description = "Also print the allocation and promotion scores.")
    boolean showScores;

    @Option(names = "--show-graph", description = "Also print the transition graph: each action with the actions it waits for.")
    boolean showGraph;

    @Option(names = "--repeat", paramLabel = "N",
            description = "Benchmark: schedule the CIB N more times in this process and print the timing.")
    int repeat;

    @Option(names = {"-S", "--simulate"}, description = "Print the full simulation (the default; for crm_simulate users).")
    boolean simulate;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (input.xmlFile != null) {
            Cib cib;
            try {
                cib = CibXml.read(input.xmlFile);
            } catch (CibFormatException e) {
                err.println("vigil simulate: " + e.getMessage());
                return 2;
            }
            ClusterSnapshot snapshot = ClusterSnapshot.at(cib, Instant.now());
            CrmSimulate.Report report = CrmSimulate.run(snapshot);
            if (repeat > 0) {
                benchmark(snapshot, repeat, out);
                return 0;
            }
            if (showScores) {
                report.scores().forEach(out::println);
            }
            out.print(report.summary());
            if (showGraph) {
                out.println();
                out.println("Transition Graph:");
                for (var synapse : report.result().graph().synapses()) {
                    var a = synapse.action();
                    out.printf("  %d %d %s %s <- %s%n", synapse.id(), a.id(), a.key(), a.node() == null ? "" : a.node(),
                            synapse.inputs());
                }
            }
            out.flush();
            return 0;
        }
        if (outDir == null) {
            err.println("vigil simulate: --xml-dir needs --out-dir");
            return 2;
        }
        return batch(input.xmlDir, outDir, out, err);
    }

    /** Warm, in-process timing of the scheduler alone (unpack to graph), after warm-up runs. */
    private static void benchmark(ClusterSnapshot snapshot, int runs, PrintWriter out) {
        for (int i = 0; i < Math.min(5, runs); i++) {
            dev.vigil.scheduler.Scheduler.schedule(snapshot);
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            dev.vigil.scheduler.Scheduler.schedule(snapshot);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        java.util.Arrays.sort(ms);
        out.printf("scheduler (warm, in process): median %.1f ms, p90 %.1f ms, min %.1f ms over %d runs%n",
                ms[runs / 2], ms[Math.min(runs - 1, (int) Math.ceil(runs * 0.9) - 1)], ms[0], runs);
        out.flush();
    }

    private static int batch(Path in, Path out, PrintWriter stdout, PrintWriter err) throws IOException {
        if (!Files.isDirectory(in)) {
            err.println("vigil simulate: " + in + " is not a directory");
            return 2;
        }
        Files.createDirectories(out);
        List<Path> inputs;
        try (Stream<Path> files = Files.list(in)) {
            inputs = files.filter(p -> p.getFileName().toString().endsWith(".xml")).sorted().toList();
        }
        int failed = 0;
        long started = System.nanoTime();
        for (Path file : inputs) {
            String name = file.getFileName().toString().replaceFirst("\\.xml$", "");
            String summary;
            List<String> scores;
            try {
                Cib cib = CibXml.read(file);
                CrmSimulate.Report report = CrmSimulate.run(ClusterSnapshot.at(cib, Instant.now()));
                summary = report.summary();
                scores = new ArrayList<>(report.scores());
                scores.sort(null);
            } catch (RuntimeException | StackOverflowError e) {
                failed++;
                StringWriter trace = new StringWriter();
                e.printStackTrace(new PrintWriter(trace));
                summary = "vigil simulate: " + name + ": " + e + "\n" + trace;
                scores = List.of();
                err.println("vigil simulate: " + name + ": " + e);
            }
            Files.writeString(out.resolve(name + ".summary"), summary, StandardCharsets.UTF_8);
            Files.writeString(out.resolve(name + ".scores"), scores.isEmpty() ? "" : String.join("\n", scores) + "\n",
                    StandardCharsets.UTF_8);
        }
        stdout.printf("simulated %d inputs (%d failed) in %.1f s%n", inputs.size(), failed,
                (System.nanoTime() - started) / 1e9);
        stdout.flush();
        return 0;
    }
}
