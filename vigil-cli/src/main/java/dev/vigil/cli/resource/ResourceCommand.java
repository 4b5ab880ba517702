package dev.vigil.cli.resource;

import dev.vigil.cli.OutputFormat;
import dev.vigil.cli.edit.CibEdit;
import dev.vigil.cli.edit.EditException;
import dev.vigil.cli.edit.ResourceArgs;
import dev.vigil.cli.edit.ResourceEdits;
import dev.vigil.cli.edit.Resources;
import dev.vigil.cli.show.Text;
import dev.vigil.cli.show.Views;
import dev.vigil.cli.source.CibRunner;
import dev.vigil.cli.source.CibTarget;
import dev.vigil.cli.source.IdsEditCommand;
import dev.vigil.exec.AgentMetadata;
import dev.vigil.exec.AgentSpec;
import dev.vigil.model.cib.Primitive;
import dev.vigil.model.cib.Resource;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil resource ...}: create, change, inspect and place resources. */
@Command(name = "resource", mixinStandardHelpOptions = true,
        description = {"Resources: create, change, delete, show; agents; placement (move, ban, clear); groups, clones, "
                + "operations and defaults.",
            "Every command works on the cluster's CIB (--socket) or offline on a CIB file (-f FILE). A change is "
                    + "validated before anything is written; on error it says what is wrong and changes nothing."},
        footer = {"", "Exit codes: 0 done, 1 refused, 2 usage, 3 not found, 4 changed by someone else meanwhile (run again), "
                + "69 daemon unreachable."},
        subcommands = {ResourceCommand.Create.class, ResourceCommand.Update.class, ResourceCommand.Delete.class,
            ResourceCommand.Show.class, ResourceCommand.Enable.class, ResourceCommand.Disable.class,
            AgentCommands.ListAgents.class, AgentCommands.Describe.class,
            PlacementCommands.Move.class, PlacementCommands.Ban.class, PlacementCommands.Clear.class,
            RuntimeCommands.Restart.class, RuntimeCommands.Cleanup.class, RuntimeCommands.Failcount.class,
            StructureCommands.GroupCmd.class, StructureCommands.CloneCmd.class, StructureCommands.Promotable.class,
            StructureCommands.Op.class, StructureCommands.Defaults.class, StructureCommands.OpDefaults.class,
            StructureCommands.Utilization.class, CommandLine.HelpCommand.class})
public final class ResourceCommand {

    /** {@code vigil resource create ID AGENT [name=value…] [meta …] [op …] [--group G] [--disabled]}. */
    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Create a primitive resource.",
                "AGENT is class:provider:type (ocf:heartbeat:IPaddr2), class:type (lsb:zabbix-server, systemd:httpd) or a "
                        + "bare OCF type when one provider has it (IPaddr2). Its parameters are checked against the agent's "
                        + "meta-data: required ones must be given, unknown ones are refused (did you mean…). Without an "
                        + "'op monitor', the monitor the agent advises is added."},
            footer = {"", "Examples:",
                "  vigil resource create vip ocf:heartbeat:IPaddr2 ip=192.168.122.120 cidr_netmask=24 op monitor interval=30s",
                "  vigil resource create site ocf:heartbeat:apache configfile=/etc/httpd/conf/httpd.conf --group web",
                "  vigil resource create zabbix lsb:zabbix-server --disabled",
                "  vigil resource create d1 ocf:vigil:Dummy meta resource-stickiness=100 -f cib.xml   (offline)"})
    static final class Create implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        CibTarget target;
        @Parameters(index = "0", paramLabel = "ID")
        String id;
        @Parameters(index = "1", paramLabel = "AGENT")
        String agent;
        @Parameters(index = "2..*", paramLabel = "ARG", description = "name=value…, then 'meta name=value…', 'op ACTION name=value…'")
        List<String> args = List.of();
        @Option(names = "--group", paramLabel = "GROUP", description = "add it to this group (created if needed)")
        String group;
        @Option(names = "--disabled", description = "create it stopped (target-role=Stopped)")
        boolean disabled;
        @Option(names = "--force", description = "create it even if the agent is not installed here or its parameters do not match")
        boolean force;

        @Override
        public Integer call() {
            try {
                ResourceArgs parsed = ResourceArgs.parse(args);
                AgentLookup agents = AgentLookup.fromEnvironment();
                AgentSpec spec0 = agents.resolve(agent);
                AgentMetadata md = agents.metadataOrForced(spec0, force);
                return CibRunner.edit(spec, target, ResourceEdits.create(new ResourceEdits.Create(id, spec0.agentClass(),
                        spec0.provider(), spec0.type(), parsed, group, disabled, md, force)),
                        cib -> "resource '" + id + "' (" + spec0 + ") created" + (group == null ? "" : " in group '" + group + "'")
                                + (disabled ? ", disabled" : ""));
            } catch (EditException e) {
                return CibRunner.fail(e, spec.commandLine().getErr());
            }
        }
    }

    /** {@code vigil resource update ID [name=value…] [meta …] [op …]}. */
    @Command(name = "update", mixinStandardHelpOptions = true,
            description = {"Change a resource's parameters, meta attributes or operations. An empty value (name=) removes "
                    + "the name. An op with the action and interval of an existing one replaces it."},
            footer = {"", "Examples:",
                "  vigil resource update vip ip=192.168.122.121",
                "  vigil resource update web meta resource-stickiness=100",
                "  vigil resource update vip op monitor interval=30s timeout=40s",
                "  vigil resource update vip cidr_netmask=          (removes it)"})
    static final class Update implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        CibTarget target;
        @Parameters(index = "0", paramLabel = "ID")
        String id;
        @Parameters(index = "1..*", paramLabel = "ARG", arity = "1..*")
        List<String> args;
        @Option(names = "--force", description = "change it even if the parameters do not match the agent's meta-data")
        boolean force;

        @Override
        public Integer call() {
            try {
                ResourceArgs parsed = ResourceArgs.parse(args);
                AgentMetadata md = null;
                if (!parsed.params().isEmpty() && !force) {
                    md = metadataOfExisting();
                }
                return CibRunner.edit(spec, target, ResourceEdits.update(id, parsed, md, force),
                        cib -> "resource '" + id + "' updated");
            } catch (EditException e) {
                return CibRunner.fail(e, spec.commandLine().getErr());
            }
        }

        /** The meta-data of the primitive's agent as configured now (null when not a primitive: the edit says so). */
        private AgentMetadata metadataOfExisting() {
            Resource r = Resources.find(target.source(false).read().cib().configuration(), id).orElse(null);
            if (r instanceof Primitive p && p.agentClass() != null) {
                AgentLookup agents = AgentLookup.fromEnvironment();
                return agents.metadataOrForced(agents.resolve(p.agent()), false);
            }
            return null;
        }
    }

    /** {@code vigil resource delete ID…}. */
    @Command(name = "delete", aliases = "remove", mixinStandardHelpOptions = true,
            description = {"Delete resources, with what they contain (a group's members, a clone's child) and the "
                    + "constraints that name them. A running resource is stopped by the cluster once it is gone."},
            footer = {"", "Examples:", "  vigil resource delete vip", "  vigil resource delete web   (the group and its members)"})
    static final class Delete extends IdsEditCommand {
        @Override
        protected CibEdit edit(List<String> ids) {
            return ids.stream().map(ResourceEdits::delete).reduce(CibEdit::andThen).orElseThrow();
        }

        @Override
        protected String verb() {
            return "deleted";
        }
    }

    /** {@code vigil resource show [ID]}. */
    @Command(name = "show", aliases = "config", mixinStandardHelpOptions = true,
            description = "Show the configuration of every resource, or of one (with what it contains).",
            footer = {"", "Examples:", "  vigil resource show", "  vigil resource show web --output json"})
    static final class Show implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        CibTarget target;
        @Parameters(paramLabel = "ID", arity = "0..1")
        String id;
        @Option(names = "--output", paramLabel = "FORMAT", description = "text (default) or json", defaultValue = "text")
        OutputFormat output;

        @Override
        public Integer call() {
            return CibRunner.read(spec, target, output,
                    cib -> Text.resources(selected(cib)),
                    cib -> selected(cib).stream().map(Views::resource).toList());
        }

        private List<Resource> selected(dev.vigil.model.cib.Cib cib) {
            return id == null ? cib.configuration().resources() : List.of(Resources.require(cib.configuration(), id));
        }
    }

    /** {@code vigil resource enable ID…}. */
    @Command(name = "enable", mixinStandardHelpOptions = true,
            description = "Let the cluster start resources again (removes target-role=Stopped).",
            footer = {"", "Example:", "  vigil resource enable web"})
    static final class Enable extends IdsEditCommand {
        @Override
        protected CibEdit edit(List<String> ids) {
            return ResourceEdits.enable(ids, true);
        }

        @Override
        protected String verb() {
            return "enabled";
        }
    }

    /** {@code vigil resource disable ID…}. */
    @Command(name = "disable", mixinStandardHelpOptions = true,
            description = "Stop resources and keep them stopped (target-role=Stopped) until enabled.",
            footer = {"", "Example:", "  vigil resource disable web"})
    static final class Disable extends IdsEditCommand {
        @Override
        protected CibEdit edit(List<String> ids) {
            return ResourceEdits.enable(ids, false);
        }

        @Override
        protected String verb() {
            return "disabled";
        }
    }
}
