package dev.vigil.cli.constraint;

import dev.vigil.cli.OutputFormat;
import dev.vigil.cli.edit.CibEdit;
import dev.vigil.cli.edit.ConstraintEdits;
import dev.vigil.cli.edit.EditException;
import dev.vigil.cli.show.Text;
import dev.vigil.cli.show.Views;
import dev.vigil.cli.source.CibRunner;
import dev.vigil.cli.source.CibTarget;
import dev.vigil.cli.source.IdsEditCommand;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil constraint ...}: where resources run, with what, in which order. */
@Command(name = "constraint", mixinStandardHelpOptions = true,
        description = {"Constraints: location (prefers/avoids a node, or a rule), colocation, order, ticket; list and remove.",
            "Ids are made as pcs makes them (location-web-node1-50, colocation-web-db-INFINITY, order-db-web-mandatory). "
                    + "A constraint naming an unknown resource, with a bad score, or closing an order or colocation loop "
                    + "is refused and nothing changes."},
        footer = {"", "Exit codes: 0 done, 1 refused, 2 usage, 3 not found, 4 changed by someone else meanwhile, 69 daemon unreachable."},
        subcommands = {ConstraintCommand.Location.class, ConstraintCommand.Colocation.class, ConstraintCommand.Order.class,
            ConstraintCommand.Ticket.class, ConstraintCommand.ListCmd.class, ConstraintCommand.Remove.class,
            CommandLine.HelpCommand.class})
public final class ConstraintCommand {

    /** {@code vigil constraint location RSC prefers|avoids NODE[=SCORE]… | RSC rule …}. */
    @Command(name = "location", mixinStandardHelpOptions = true,
            description = {"Prefer or avoid nodes for a resource: one constraint per node, score INFINITY unless given "
                    + "(avoids node=50 is a score of -50). Or place it by a rule: [id=ID] [score=S|score-attribute=A] "
                    + "[role=R] EXPR [and|or EXPR…], EXPR one of: ATTR lt|gt|lte|gte|eq|ne [integer|number|version|string] "
                    + "VALUE, defined ATTR, not_defined ATTR, date gt|lt DATE, date in_range START to END."},
            footer = {"", "Examples:", "  vigil constraint location web prefers node1=50",
                "  vigil constraint location web avoids node3", "  vigil constraint location web prefers node1=100 node2=50",
                "  vigil constraint location web rule score=-INFINITY not_defined pingd or pingd lte 0",
                "  vigil constraint location db rule id=db-on-ssd score=200 disk eq ssd"})
    static final class Location implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        CibTarget target;
        @Parameters(index = "0", paramLabel = "RESOURCE")
        String rsc;
        @Parameters(index = "1", paramLabel = "prefers|avoids|rule")
        String how;
        @Parameters(index = "2..*", paramLabel = "ARG", arity = "1..*")
        List<String> args;
        @Option(names = "--force", description = "name nodes that are not (yet) in the configuration")
        boolean force;

        @Override
        public Integer call() {
            try {
                return switch (how) {
                    case "prefers", "avoids" -> CibRunner.edit(spec, target,
                            ConstraintEdits.location(rsc, how.equals("prefers"), args, force),
                            cib -> rsc + " " + how + " " + String.join(" ", args));
                    case "rule" -> {
                        List<String> words = new ArrayList<>(args);
                        String id = !words.isEmpty() && words.get(0).startsWith("id=") ? words.remove(0).substring(3) : null;
                        yield CibRunner.edit(spec, target, ConstraintEdits.locationRule(rsc, id, words),
                                cib -> "location rule added for " + rsc);
                    }
                    default -> throw new EditException("location " + rsc + ": expected prefers, avoids or rule, not '" + how + "'");
                };
            } catch (EditException e) {
                return CibRunner.fail(e, spec.commandLine().getErr());
            }
        }
    }

    /** {@code vigil constraint colocation add [ROLE] A with [ROLE] B [SCORE] [id=ID]}. */
    @Command(name = "colocation", mixinStandardHelpOptions = true,
            description = "Colocation: place A where B is (B is placed first). Score INFINITY unless given; a negative "
                    + "score keeps them apart.",
            subcommands = {Colocation.Add.class, CommandLine.HelpCommand.class})
    static final class Colocation {
        @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a colocation constraint.",
                footer = {"", "Examples:", "  vigil constraint colocation add web with vip",
                    "  vigil constraint colocation add zabbix with zabbix-ip INFINITY",
                    "  vigil constraint colocation add web with db -100 id=apart",
                    "  vigil constraint colocation add Promoted db with vip"})
        static final class Add implements Callable<Integer> {
            @Spec
            CommandLine.Model.CommandSpec spec;
            @Mixin
            CibTarget target;
            @Parameters(paramLabel = "[ROLE] A with [ROLE] B [SCORE] [id=ID]", arity = "3..*")
            List<String> words;

            @Override
            public Integer call() {
                return CibRunner.edit(spec, target, ConstraintEdits.colocation(words),
                        cib -> "colocation added: " + String.join(" ", words));
            }
        }
    }

    /** {@code vigil constraint order [KIND] [ACTION] A then [ACTION] B [options]}. */
    @Command(name = "order", mixinStandardHelpOptions = true,
            description = {"Order: B's action after A's (start unless given). KIND Mandatory (default), Optional or "
                    + "Serialize, first or as kind=K. symmetrical=false keeps the reverse order for stops from being added."},
            footer = {"", "Examples:", "  vigil constraint order vip then web", "  vigil constraint order Optional db then web",
                "  vigil constraint order promote db then start web kind=Mandatory",
                "  vigil constraint order zabbix-ip then zabbix symmetrical=false"})
    static final class Order implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        CibTarget target;
        @Parameters(paramLabel = "[KIND] [ACTION] A then [ACTION] B [name=value]", arity = "3..*")
        List<String> words;

        @Override
        public Integer call() {
            return CibRunner.edit(spec, target, ConstraintEdits.order(words), cib -> "order added: " + String.join(" ", words));
        }
    }

    /** {@code vigil constraint ticket add TICKET [ROLE] RSC [loss-policy=P] [id=ID]}. */
    @Command(name = "ticket", mixinStandardHelpOptions = true,
            description = "Ticket: a resource runs only while the ticket is granted to this site (booth).",
            subcommands = {Ticket.Add.class, CommandLine.HelpCommand.class})
    static final class Ticket {
        @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a ticket constraint.",
                footer = {"", "Examples:", "  vigil constraint ticket add ticketA web loss-policy=stop",
                    "  vigil constraint ticket add ticketA Promoted db loss-policy=demote"})
        static final class Add implements Callable<Integer> {
            @Spec
            CommandLine.Model.CommandSpec spec;
            @Mixin
            CibTarget target;
            @Parameters(index = "0", paramLabel = "TICKET")
            String ticket;
            @Parameters(index = "1..*", paramLabel = "[ROLE] RESOURCE [name=value]", arity = "1..*")
            List<String> words;

            @Override
            public Integer call() {
                return CibRunner.edit(spec, target, ConstraintEdits.ticket(ticket, words),
                        cib -> "ticket constraint added: " + ticket + " for " + String.join(" ", words));
            }
        }
    }

    /** {@code vigil constraint list [--full]}. */
    @Command(name = "list", aliases = {"show", "config"}, mixinStandardHelpOptions = true,
            description = {"List the constraints by kind, then what move and ban left behind (with their expiry). "
                    + "--full adds ids and rules."},
            footer = {"", "Examples:", "  vigil constraint list", "  vigil constraint list --full --output json"})
    static final class ListCmd implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        CibTarget target;
        @Option(names = "--full", description = "show ids and rules")
        boolean full;
        @Option(names = "--output", paramLabel = "FORMAT", description = "text (default) or json", defaultValue = "text")
        OutputFormat output;

        @Override
        public Integer call() {
            Instant now = Instant.now();
            return CibRunner.read(spec, target, output, cib -> Text.constraints(cib.configuration(), now, full),
                    cib -> Views.constraints(cib.configuration(), now));
        }
    }

    /** {@code vigil constraint remove ID…}. */
    @Command(name = "remove", aliases = "delete", mixinStandardHelpOptions = true,
            description = "Remove constraints by id (see 'vigil constraint list --full'); a rule id removes its constraint.",
            footer = {"", "Example:", "  vigil constraint remove location-web-node1-50"})
    static final class Remove extends IdsEditCommand {
        @Override
        protected CibEdit edit(List<String> ids) {
            return ConstraintEdits.remove(ids);
        }

        @Override
        protected String verb() {
            return "removed";
        }
    }
}
