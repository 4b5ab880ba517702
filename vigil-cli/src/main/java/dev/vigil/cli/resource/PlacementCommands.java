package dev.vigil.cli.resource;

import dev.vigil.cli.edit.CibEdit;
import dev.vigil.cli.edit.Dates;
import dev.vigil.cli.edit.EditException;
import dev.vigil.cli.edit.MoveEdits;
import dev.vigil.cli.show.StatusFacts;
import dev.vigil.cli.source.CibRunner;
import dev.vigil.cli.source.CibTarget;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code resource move}, {@code ban} and {@code clear}. Unlike pcs and crm_resource, the
 * constraints expire by default (after {@code --lifetime}, 1 hour unless told otherwise), so a
 * forgotten move does not pin a resource for ever; {@code constraint list} shows them as
 * leftovers until {@code clear} removes them.
 */
final class PlacementCommands {
    static final String DEFAULT_LIFETIME = "1h";

    private PlacementCommands() {
    }

    /** Common options of move and ban. */
    static final class PlacementOptions {
        @Option(names = "--lifetime", paramLabel = "DURATION", defaultValue = DEFAULT_LIFETIME,
                description = "how long the constraint counts (e.g. 30min, 2h, 1d, PT1H; 'forever' until cleared; "
                        + "default ${DEFAULT-VALUE})")
        String lifetime;
        @Option(names = "--force", description = "name a node that is not (yet) in the configuration")
        boolean force;

        Instant expiry(Instant now) {
            return lifetime.equalsIgnoreCase("forever") ? null : now.plus(Dates.lifetime(lifetime));
        }

        String until(Instant expires) {
            return expires == null ? "until cleared" : "until " + Dates.format(expires);
        }
    }

    /** {@code vigil resource move ID [NODE]}. */
    @Command(name = "move", mixinStandardHelpOptions = true,
            description = {"Move a resource to NODE (a cli-prefer-ID constraint with score INFINITY), or, without NODE, "
                    + "away from the node it runs on (a ban there).",
                "The constraint expires after --lifetime (default " + DEFAULT_LIFETIME + ") and is listed by 'vigil constraint "
                        + "list' until 'vigil resource clear ID' removes it."},
            footer = {"", "Examples:", "  vigil resource move web node2", "  vigil resource move web node2 --lifetime forever",
                "  vigil resource move web            (away from where it runs now)", "  vigil resource clear web"})
    static final class Move implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        CibTarget target;
        @Mixin
        PlacementOptions options;
        @Parameters(index = "0", paramLabel = "ID")
        String id;
        @Parameters(index = "1", paramLabel = "NODE", arity = "0..1")
        String node;

        @Override
        public Integer call() {
            try {
                Instant expires = options.expiry(Instant.now());
                if (node != null) {
                    return CibRunner.edit(spec, target, MoveEdits.move(id, node, expires, options.force),
                            cib -> id + " moved to " + node + " " + options.until(expires)
                                    + "; 'vigil resource clear " + id + "' removes the constraint");
                }
                String[] from = new String[1];
                CibEdit awayFromCurrent = cib -> {
                    from[0] = currentNode(cib, id);
                    return MoveEdits.ban(id, from[0], expires, true).apply(cib);
                };
                return CibRunner.edit(spec, target, awayFromCurrent, cib -> id + " banned from " + from[0] + " (where it ran) "
                        + options.until(expires) + "; 'vigil resource clear " + id + "' removes the constraint");
            } catch (EditException e) {
                return CibRunner.fail(e, spec.commandLine().getErr());
            }
        }
    }

    /** The one node the resource runs on, from the status section. */
    static String currentNode(dev.vigil.model.cib.Cib cib, String id) {
        List<String> nodes = StatusFacts.runningOn(cib, id);
        if (nodes.isEmpty()) {
            throw new EditException("'" + id + "' is not running anywhere the status section shows; name the node");
        }
        if (nodes.size() > 1) {
            throw new EditException("'" + id + "' runs on " + String.join(", ", nodes) + "; name the node");
        }
        return nodes.get(0);
    }

    /** {@code vigil resource ban ID [NODE]}. */
    @Command(name = "ban", mixinStandardHelpOptions = true,
            description = {"Keep a resource off NODE (a cli-ban-ID-on-NODE constraint with score -INFINITY), by default the "
                    + "node it runs on now. It expires after --lifetime (default " + DEFAULT_LIFETIME + ")."},
            footer = {"", "Examples:", "  vigil resource ban web node1", "  vigil resource ban web --lifetime 30min",
                "  vigil resource clear web node1"})
    static final class Ban implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        CibTarget target;
        @Mixin
        PlacementOptions options;
        @Parameters(index = "0", paramLabel = "ID")
        String id;
        @Parameters(index = "1", paramLabel = "NODE", arity = "0..1")
        String node;

        @Override
        public Integer call() {
            try {
                Instant expires = options.expiry(Instant.now());
                String[] on = {node};
                CibEdit ban = cib -> {
                    if (on[0] == null) {
                        on[0] = currentNode(cib, id);
                    }
                    return MoveEdits.ban(id, on[0], expires, options.force || node == null).apply(cib);
                };
                return CibRunner.edit(spec, target, ban, cib -> id + " banned from " + on[0] + " " + options.until(expires)
                        + "; 'vigil resource clear " + id + "' removes the constraint");
            } catch (EditException e) {
                return CibRunner.fail(e, spec.commandLine().getErr());
            }
        }
    }

    /** {@code vigil resource clear ID [NODE]}. */
    @Command(name = "clear", mixinStandardHelpOptions = true,
            description = "Remove the constraints move and ban left for a resource (only those naming NODE, if given), "
                    + "expired or not.",
            footer = {"", "Examples:", "  vigil resource clear web", "  vigil resource clear web node1"})
    static final class Clear implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        CibTarget target;
        @Parameters(index = "0", paramLabel = "ID")
        String id;
        @Parameters(index = "1", paramLabel = "NODE", arity = "0..1")
        String node;

        @Override
        public Integer call() {
            return CibRunner.edit(spec, target, MoveEdits.clear(id, node),
                    cib -> "cleared the move/ban constraints of " + id + (node == null ? "" : " on " + node));
        }
    }
}
