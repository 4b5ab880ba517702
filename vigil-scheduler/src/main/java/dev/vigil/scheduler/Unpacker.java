package dev.vigil.scheduler;

import dev.vigil.model.Durations;
import dev.vigil.model.Role;
import dev.vigil.model.Score;
import dev.vigil.model.cib.Bundle;
import dev.vigil.model.cib.Cib;
import dev.vigil.model.cib.Clone;
import dev.vigil.model.cib.Group;
import dev.vigil.model.cib.Node;
import dev.vigil.model.cib.NodeState;
import dev.vigil.model.cib.NvSet;
import dev.vigil.model.cib.Operation;
import dev.vigil.model.cib.Primitive;
import dev.vigil.model.cib.Resource;
import dev.vigil.model.cib.Template;
import dev.vigil.model.cib.TicketState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stage 1: configuration and status into the run's nodes and resources. Node membership state
 * comes from each node's status entry; each resource's state comes from its operation history
 * ({@link HistoryUnpacker}).
 */
final class Unpacker {
    private Unpacker() {
    }

    static Cluster unpack(ClusterSnapshot snapshot) {
        Cib cib = snapshot.cib();
        ConfigIndex index = new ConfigIndex(cib.configuration());
        long now = snapshot.now().getEpochSecond();
        Map<String, String> props = new LinkedHashMap<>();
        index.unpackSets(cib.configuration().clusterProperties(), RuleContext.timeOnly(now), props, false,
                "cib-bootstrap-options");
        Options options = Options.from(props);
        boolean haveQuorum = Options.isTrue(cib.get("have-quorum"));
        if (options.noQuorumPolicy().equals("suicide")
                && (!options.stonithEnabled() || !(haveQuorum || Options.isTrue(cib.get("no-quorum-panic"))))) {
            // Suicide only makes sense for a cluster that had quorum and can fence itself.
            options = options.withNoQuorumPolicy("stop");
        }
        Cluster cluster = new Cluster(cib, options, now, index);
        cluster.haveQuorum = haveQuorum;
        for (TicketState t : cib.status().tickets()) {
            cluster.ticketStates.put(t.id(), t.attributes());
        }
        unpackNodes(cluster);
        RemoteNodes.addNodes(cluster);
        unpackResources(cluster);
        Unfencing.enable(cluster);
        RemoteNodes.link(cluster);
        NodeStatus.unpack(cluster);
        NodeHealth.noteStates(cluster);
        HistoryUnpacker.unpack(cluster);
        return cluster;
    }

    // ------------------------------------------------------------------ nodes

    private static void unpackNodes(Cluster cluster) {
        List<SNode> nodes = new ArrayList<>();
        for (Node n : cluster.cib.configuration().nodes()) {
            String name = n.uname() != null ? n.uname() : n.id();
            SNode.Kind kind = "remote".equals(n.type()) ? SNode.Kind.REMOTE : SNode.Kind.MEMBER;
            if ("ping".equals(n.type())) {
                continue;
            }
            if (cluster.nodesByName.containsKey(name)) {
                cluster.warnings.add("node " + name + " is configured twice; the second entry is ignored");
                continue;
            }
            SNode node = new SNode(n.id(), name, kind);
            node.configured = true;
            if (n.score() != null) {
                node.baseWeight = Score.parseLenient(n.score());
            }
            nodes.add(node);
            cluster.nodesByName.put(name, node);
            cluster.nodesById.put(n.id(), node);
        }
        finishNodeList(cluster, nodes);
    }

    /** Sorts the node list by name and numbers it; called again when remote nodes are added. */
    static void finishNodeList(Cluster cluster, List<SNode> nodes) {
        nodes.sort(Comparator.comparing(n -> n.name, NodeNames.ORDER));
        cluster.nodes.clear();
        cluster.nodes.addAll(nodes);
        for (int i = 0; i < nodes.size(); i++) {
            nodes.get(i).order = i;
        }
    }

    static SNode addNode(Cluster cluster, String id, String name, SNode.Kind kind) {
        SNode existing = cluster.nodesByName.get(name);
        if (existing != null) {
            return existing;
        }
        SNode node = new SNode(id, name, kind);
        cluster.nodesByName.put(name, node);
        cluster.nodesById.put(id, node);
        List<SNode> all = new ArrayList<>(cluster.nodes);
        all.add(node);
        finishNodeList(cluster, all);
        return node;
    }

    /** Node attributes for rules: permanent (rule-evaluated), then transient, plus built-ins. */
    static void unpackNodeAttributes(Cluster cluster, SNode node, Node config, NodeState state) {
        Map<String, String> attrs = node.attributes;
        attrs.clear();
        attrs.put("#uname", node.name);
        attrs.put("#id", node.id);
        attrs.put("#kind", switch (node.kind) {
            case MEMBER -> "cluster";
            case REMOTE -> "remote";
            case GUEST -> "container";
        });
        attrs.put("#is_dc", Boolean.toString(node.isDc));
        if (cluster.options.clusterName() != null) {
            attrs.put("#cluster-name", cluster.options.clusterName());
        }
        Map<String, String> permanent = new LinkedHashMap<>();
        if (config != null) {
            RuleContext ctx = RuleContext.forNode(attrs, cluster.now);
            cluster.index.unpackSets(config.instanceAttributes(), ctx, permanent, false);
            cluster.index.unpackSets(config.utilization(), ctx, node.utilization, false);
        }
        for (Map.Entry<String, String> e : permanent.entrySet()) {
            attrs.putIfAbsent(e.getKey(), e.getValue());
        }
        if (state != null) {
            Map<String, String> transientAttrs = new LinkedHashMap<>();
            cluster.index.unpackSets(state.transientAttributes(), RuleContext.forNode(attrs, cluster.now),
                    transientAttrs, false);
            attrs.putAll(transientAttrs);
        }
    }

    // ------------------------------------------------------------------ resources

    private static void unpackResources(Cluster cluster) {
        List<Rsc> top = new ArrayList<>();
        for (Resource r : cluster.cib.configuration().resources()) {
            top.add(build(cluster, r, null, null));
        }
        // Guest nodes' implicit connections come after the configured resources.
        for (Primitive connection : RemoteNodes.guestConnections(cluster)) {
            top.add(build(cluster, connection, null, null));
        }
        // Pacemaker processes resources by priority, highest first (a stable sort).
        top.sort(Comparator.comparingInt((Rsc r) -> -r.priority));
        cluster.resources.addAll(top);
    }

    static Rsc build(Cluster cluster, Resource config, Rsc parent, String instanceSuffix) {
        String suffix = instanceSuffix == null ? "" : instanceSuffix;
        Rsc rsc;
        if (config instanceof Primitive p) {
            rsc = new Rsc(p.id() + suffix, Rsc.Variant.PRIMITIVE, p, parent);
            unpackPrimitive(cluster, rsc, p);
        } else if (config instanceof Group g) {
            rsc = new Rsc(g.id() + suffix, Rsc.Variant.GROUP, g, parent);
            unpackMeta(cluster, rsc, g.metaAttributes(), null);
            unpackCommon(cluster, rsc);
            rsc.colocated = !Options.isFalse(rsc.meta("collocated"));
            rsc.groupOrdered = !Options.isFalse(rsc.meta("ordered"));
            cluster.byId.put(rsc.id, rsc);
            for (Primitive member : g.members()) {
                rsc.children.add(build(cluster, member, rsc, instanceSuffix));
            }
            return rsc;
        } else if (config instanceof Clone c) {
            rsc = new Rsc(c.id(), Rsc.Variant.CLONE, c, parent);
            unpackMeta(cluster, rsc, c.metaAttributes(), null);
            unpackCommon(cluster, rsc);
            unpackCloneOptions(cluster, rsc, c);
            cluster.byId.put(rsc.id, rsc);
            forceAnonymousIfNeeded(cluster, rsc, c.child());
            for (int i = 0; i < rsc.cloneMax; i++) {
                rsc.children.add(build(cluster, c.child(), rsc, ":" + i));
            }
            return rsc;
        } else if (config instanceof Bundle b) {
            rsc = new Rsc(b.id(), Rsc.Variant.BUNDLE, b, parent);
            unpackMeta(cluster, rsc, b.metaAttributes(), null);
            unpackCommon(cluster, rsc);
            cluster.byId.put(rsc.id, rsc);
            Bundles.unpack(cluster, rsc, b);
            return rsc;
        } else {
            throw new IllegalStateException("unknown resource type " + config);
        }
        cluster.byId.put(rsc.id, rsc);
        return rsc;
    }

    /** A new instance of a clone's child with the given suffix ({@code :3}); not yet attached. */
    static Rsc cloneInstance(Cluster cluster, Rsc clone, String suffix) {
        return build(cluster, ((Clone) clone.config).child(), clone, suffix);
    }

    private static void unpackPrimitive(Cluster cluster, Rsc rsc, Primitive p) {
        Template t = p.template() == null ? null : cluster.index.templates.get(p.template());
        rsc.agentClass = p.agentClass() != null ? p.agentClass() : t == null ? null : t.agentClass();
        rsc.agentProvider = p.provider() != null ? p.provider() : t == null ? null : t.provider();
        rsc.agentType = p.type() != null ? p.type() : t == null ? null : t.type();
        List<NvSet> metaSets = new ArrayList<>();
        List<NvSet> instanceSets = new ArrayList<>();
        if (t != null) {
            metaSets.addAll(t.metaAttributes());
            instanceSets.addAll(t.instanceAttributes());
        }
        metaSets.addAll(p.metaAttributes());
        instanceSets.addAll(p.instanceAttributes());
        unpackMeta(cluster, rsc, metaSets, rsc.agentClass);
        RuleContext ctx = RuleContext.timeOnly(cluster.now)
                .withResource(rsc.agentClass, rsc.agentProvider, rsc.agentType);
        cluster.index.unpackSets(instanceSets, ctx, rsc.params, false);
        inheritParams(rsc);
        List<NvSet> utilizationSets = new ArrayList<>();
        if (t != null) {
            utilizationSets.addAll(t.utilization());
        }
        utilizationSets.addAll(p.utilization());
        cluster.index.unpackSets(utilizationSets, ctx, rsc.utilization, false);
        List<Operation> ops = new ArrayList<>(cluster.index.resolve(p.operations()));
        if (t != null) {
            for (Operation templateOp : cluster.index.resolve(t.operations())) {
                // A primitive's own operation of a name replaces all of the template's of that name.
                boolean overridden = ops.stream().anyMatch(o -> o.name().equals(templateOp.name()));
                if (!overridden) {
                    ops.add(templateOp);
                }
            }
        }
        rsc.ops.addAll(ops);
        rsc.isFencingDevice = "stonith".equals(rsc.agentClass);
        rsc.isRemoteConnection = "ocf".equals(rsc.agentClass) && "pacemaker".equals(rsc.agentProvider)
                && "remote".equals(rsc.agentType);
        unpackCommon(cluster, rsc);
    }

    /** Instance attributes of groups and clones apply to their members. */
    private static void inheritParams(Rsc rsc) {
        for (Rsc p = rsc.parent; p != null; p = p.parent) {
            Map<String, String> parentParams = new LinkedHashMap<>();
            List<NvSet> sets = p.config instanceof Group g ? g.instanceAttributes()
                    : p.config instanceof Clone c ? c.instanceAttributes() : List.of();
            for (NvSet s : sets) {
                for (var pair : s.pairs()) {
                    if (pair.name() != null && pair.value() != null) {
                        parentParams.putIfAbsent(pair.name(), pair.value());
                    }
                }
            }
            parentParams.forEach(rsc.params::putIfAbsent);
        }
    }

    private static void unpackMeta(Cluster cluster, Rsc rsc, List<NvSet> sets, String agentClass) {
        RuleContext ctx = RuleContext.timeOnly(cluster.now);
        if (rsc.config instanceof Primitive) {
            ctx = ctx.withResource(rsc.agentClass, rsc.agentProvider, rsc.agentType);
        }
        cluster.index.unpackSets(sets, ctx, rsc.meta, false);
        if (rsc.parent != null) {
            rsc.parent.meta.forEach(rsc.meta::putIfAbsent);
        }
        cluster.index.unpackSets(cluster.cib.configuration().rscDefaults(), ctx, rsc.meta, false);
    }

    /** Options every resource variant has, read from its effective meta-attributes. */
    private static void unpackCommon(Cluster cluster, Rsc rsc) {
        Options o = cluster.options;
        Map<String, String> m = rsc.meta;
        rsc.priority = Options.score(m, "priority", 0);
        rsc.managed = Options.bool(m, "is-managed", !o.maintenanceMode());
        rsc.maintenance = Options.bool(m, "maintenance", false);
        if (o.maintenanceMode()) {
            rsc.managed = false;
        }
        if (rsc.maintenance) {
            rsc.managed = false;
        }
        rsc.critical = Options.bool(m, "critical", true);
        rsc.notify = Options.bool(m, "notify", false);
        rsc.globallyUnique = Options.bool(m, "globally-unique", false);
        rsc.allowMigrate = Options.bool(m, "allow-migrate", rsc.isRemoteConnection);
        String stickiness = m.get("resource-stickiness");
        rsc.stickiness = stickiness != null ? Options.score(m, "resource-stickiness", 0) : o.defaultStickiness();
        String threshold = m.get("migration-threshold");
        if (threshold != null) {
            rsc.migrationThreshold = Math.max(0, Options.score(m, "migration-threshold", Score.INFINITY));
        }
        rsc.failureTimeoutMs = Durations.parseMillisOr(m.get("failure-timeout"), 0);
        String targetRole = m.get("target-role");
        if (targetRole != null) {
            try {
                rsc.targetRole = Role.parse(targetRole);
                if (rsc.targetRole == Role.UNKNOWN) {
                    rsc.targetRole = Role.STARTED;
                }
                if (rsc.targetRole == Role.STOPPED) {
                    rsc.nextRole = Role.STOPPED;
                }
            } catch (IllegalArgumentException e) {
                cluster.warnings.add("resource " + rsc.id + ": " + e.getMessage());
            }
        }
        rsc.multipleActive = m.getOrDefault("multiple-active", "stop_start");
        rsc.requires = requires(cluster, rsc);
    }

    private static String requires(Cluster cluster, Rsc rsc) {
        String value = rsc.meta("requires");
        if (value == null && rsc.isFencingDevice) {
            return "quorum";
        }
        if (value != null) {
            switch (value) {
                case "nothing", "quorum":
                    return value;
                case "fencing", "unfencing":
                    return cluster.options.stonithEnabled() ? value : "quorum";
                default:
                    break;
            }
        }
        return cluster.options.stonithEnabled() ? "fencing" : "quorum";
    }

    private static void unpackCloneOptions(Cluster cluster, Rsc rsc, Clone c) {
        Map<String, String> m = rsc.meta;
        rsc.promotable = c.legacyMaster() || Options.bool(m, "promotable", false);
        long memberCount = cluster.nodes.size();
        rsc.cloneMax = (int) Options.intValue(m, "clone-max", memberCount);
        rsc.cloneNodeMax = (int) Options.intValue(m, "clone-node-max", 1);
        rsc.promotedMax = (int) Options.intValue(m, m.containsKey("promoted-max") ? "promoted-max" : "master-max", 1);
        rsc.promotedNodeMax = (int) Options.intValue(m,
                m.containsKey("promoted-node-max") ? "promoted-node-max" : "master-node-max", 1);
        rsc.interleave = Options.bool(m, "interleave", false);
        rsc.ordered = Options.bool(m, "ordered", false);
        if (!rsc.globallyUnique) {
            rsc.cloneNodeMax = Math.min(rsc.cloneNodeMax, 1);
        }
        if (m.get("resource-stickiness") == null) {
            // Clone instances stick to their node by default (Pacemaker's implicit stickiness of 1).
            rsc.meta.put("resource-stickiness", "1");
            rsc.stickiness = 1;
        }
    }

    /**
     * Only OCF and fencing agents can tell unique instances apart; a clone of other agents is
     * anonymous, one instance per node at most.
     */
    private static void forceAnonymousIfNeeded(Cluster cluster, Rsc clone, Resource child) {
        if (!clone.globallyUnique) {
            return;
        }
        for (String agentClass : agentClasses(cluster, child)) {
            if (!"ocf".equals(agentClass) && !"stonith".equals(agentClass)) {
                cluster.warnings.add("clone " + clone.id + ": " + agentClass
                        + " agents cannot be globally unique; the clone is anonymous");
                clone.globallyUnique = false;
                clone.cloneNodeMax = Math.min(clone.cloneNodeMax, 1);
                clone.cloneMax = Math.min(clone.cloneMax, cluster.nodes.size());
                return;
            }
        }
    }

    private static List<String> agentClasses(Cluster cluster, Resource rsc) {
        List<String> out = new ArrayList<>();
        if (rsc instanceof Primitive p) {
            Template t = p.template() == null ? null : cluster.index.templates.get(p.template());
            out.add(p.agentClass() != null ? p.agentClass() : t == null ? null : t.agentClass());
        }
        for (Resource child : rsc.children()) {
            out.addAll(agentClasses(cluster, child));
        }
        return out;
    }

    // ------------------------------------------------------------------ helpers used by later stages

    /** Instance attributes as an agent on {@code node} would see them (rules evaluated there). */
    static Map<String, String> paramsOn(Cluster cluster, Rsc rsc, SNode node) {
        if (!(rsc.config instanceof Primitive p)) {
            return rsc.params;
        }
        Template t = p.template() == null ? null : cluster.index.templates.get(p.template());
        List<NvSet> sets = new ArrayList<>();
        if (t != null) {
            sets.addAll(t.instanceAttributes());
        }
        sets.addAll(p.instanceAttributes());
        Map<String, String> out = new LinkedHashMap<>();
        RuleContext ctx = (node == null ? RuleContext.timeOnly(cluster.now)
                : RuleContext.forNode(node.attributes, cluster.now))
                .withResource(rsc.agentClass, rsc.agentProvider, rsc.agentType);
        cluster.index.unpackSets(sets, ctx, out, false);
        Map<String, String> inherited = new HashMap<>(rsc.params);
        inherited.forEach(out::putIfAbsent);
        return out;
    }
}
