package dev.vigil.cli;

import dev.vigil.cli.source.CibRunner;
import dev.vigil.cli.view.ExplainText;
import dev.vigil.cli.view.Explanation;
import dev.vigil.scheduler.ClusterSnapshot;
import dev.vigil.scheduler.Scheduler;
import dev.vigil.scheduler.SchedulerResult;
import dev.vigil.scheduler.StatusView;
import java.io.PrintWriter;
import java.time.Instant;
import dev.vigil.model.cib.Cib;
import dev.vigil.model.cib.Constraint;
import dev.vigil.model.cib.LocationConstraint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil explain RESOURCE | --transition}: why a resource runs where it does. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Why a resource runs where it does (scores per node, and their reasons).",
            "For each node the final score and every named "
                + "contribution to it (location constraints, stickiness, colocations, fail counts, leftovers of "
                + "move and ban), whether the node can run resources at all (standby, offline, maintenance), the "
                + "chosen node and why each other node lost.",
            "A group is explained member by member, a clone instance by instance.",
            "With --transition: the actions the cluster would take now, each with its reason.",
            "The scheduler runs here, on the live CIB (--socket) or a CIB file (-f); nothing is changed."},
        footer = {"", "Examples:", "  vigil explain web", "  vigil explain web --output json",
            "  vigil explain --transition", "  vigil explain -f cib.xml zabbix-ip",
            "", "Exit codes: 0 explained; 1 the CIB cannot be read; 2 usage; 3 no such resource; "
                    + "69 the daemon cannot be reached."})
public final class ExplainCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ClusterState state;

    @Parameters(index = "0", arity = "0..1", paramLabel = "RESOURCE", description = "the resource to explain")
    String resource;

    @Option(names = "--transition", description = "list the planned actions with the reason for each")
    boolean transition;

    @Option(names = "--output", paramLabel = "FORMAT", description = "text (default) or json", defaultValue = "text")
    OutputFormat output;

    @Override
    public Integer call() {
        if ((resource == null) == !transition) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give a RESOURCE or --transition (one of them)");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ClusterState.Read read;
        try {
            read = state.read(false);
        } catch (RuntimeException e) {
            return CibRunner.fail(e, err);
        }
        ClusterSnapshot snapshot = ClusterSnapshot.at(read.cib(), Instant.now());
        StatusView view = StatusView.of(snapshot);
        SchedulerResult result = Scheduler.schedule(snapshot);
        Map<String, String> ruleConstraints = ruleConstraints(read.cib());
        if (transition) {
            List<Explanation.PlannedAction> actions = Explanation.transition(result, view, ruleConstraints);
            out.print(output == OutputFormat.json ? ApiCommands.json(actions) + "\n" : ExplainText.renderTransition(actions));
            out.flush();
            return 0;
        }
        List<String> primitives;
        try {
            primitives = Explanation.primitivesOf(view, resource);
        } catch (IllegalArgumentException e) {
            err.println("vigil: " + e.getMessage());
            err.flush();
            return ApiCommands.NOT_FOUND;
        }
        List<Explanation> explanations = new ArrayList<>();
        for (String p : primitives) {
            explanations.add(Explanation.of(result, view, p, ruleConstraints));
        }
        out.print(output == OutputFormat.json ? ApiCommands.json(explanations) + "\n" : ExplainText.render(explanations));
        out.flush();
        return 0;
    }

    /** Rule id to the id of its location constraint. */
    static Map<String, String> ruleConstraints(Cib cib) {
        Map<String, String> out = new HashMap<>();
        for (Constraint c : cib.configuration().constraints()) {
            if (c instanceof LocationConstraint l) {
                l.rules().forEach(r -> out.put(r.id(), l.id()));
            }
        }
        return out;
    }
}
