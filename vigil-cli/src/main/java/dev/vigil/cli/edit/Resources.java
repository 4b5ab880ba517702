package dev.vigil.cli.edit;

import dev.vigil.model.cib.Bundle;
import dev.vigil.model.cib.Clone;
import dev.vigil.model.cib.Configuration;
import dev.vigil.model.cib.Group;
import dev.vigil.model.cib.Primitive;
import dev.vigil.model.cib.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Finding and rewriting resources anywhere in the resource tree (top level, in groups, clones, bundles). */
public final class Resources {
    private Resources() {
    }

    /** Every resource, parents before children, in configuration order. */
    public static List<Resource> all(Configuration c) {
        List<Resource> out = new ArrayList<>();
        c.resources().forEach(r -> collect(r, out));
        return out;
    }

    public static List<String> allIds(Configuration c) {
        return all(c).stream().map(Resource::id).toList();
    }

    public static Optional<Resource> find(Configuration c, String id) {
        return all(c).stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /** The resource, or an {@link UnknownIdException} with the closest ids. */
    public static Resource require(Configuration c, String id) {
        return find(c, id).orElseThrow(() -> new UnknownIdException("resource '" + id + "' does not exist"
                + Suggest.hint(id, allIds(c))));
    }

    /** The primitive, refusing other kinds by name. */
    public static Primitive requirePrimitive(Configuration c, String id) {
        Resource r = require(c, id);
        if (r instanceof Primitive p) {
            return p;
        }
        throw new EditException("'" + id + "' is a " + kind(r) + ", not a primitive resource");
    }

    /** The resource that directly contains {@code id}, if any. */
    public static Optional<Resource> parent(Configuration c, String id) {
        return all(c).stream().filter(r -> r.children().stream().anyMatch(ch -> ch.id().equals(id))).findFirst();
    }

    /** The outermost resource that holds {@code id} (itself when top-level). */
    public static Resource top(Configuration c, String id) {
        String current = id;
        Optional<Resource> p;
        while ((p = parent(c, current)).isPresent()) {
            current = p.get().id();
        }
        return require(c, current);
    }

    /**
     * The configuration with resource {@code id} replaced by {@code change(it)} wherever it sits;
     * a null result removes it (a group left empty is removed too, as Pacemaker does).
     */
    public static Configuration rewrite(Configuration c, String id, UnaryOperator<Resource> change) {
        require(c, id);
        List<Resource> out = new ArrayList<>();
        for (Resource r : c.resources()) {
            Resource changed = rewrite(r, id, change);
            if (changed != null) {
                out.add(changed);
            }
        }
        return c.withResources(out);
    }

    private static Resource rewrite(Resource r, String id, UnaryOperator<Resource> change) {
        if (r.id().equals(id)) {
            return change.apply(r);
        }
        if (r instanceof Group g) {
            List<Primitive> members = new ArrayList<>();
            for (Primitive m : g.members()) {
                Resource changed = rewrite(m, id, change);
                if (changed instanceof Primitive p) {
                    members.add(p);
                } else if (changed != null) {
                    throw new EditException("group '" + g.id() + "' can hold only primitives, not the "
                            + kind(changed) + " '" + changed.id() + "'");
                }
            }
            return members.isEmpty() ? null
                    : new Group(g.id(), g.description(), g.metaAttributes(), g.instanceAttributes(), members);
        }
        if (r instanceof Clone cl) {
            Resource child = rewrite(cl.child(), id, change);
            return child == null ? null
                    : new Clone(cl.id(), cl.description(), cl.metaAttributes(), cl.instanceAttributes(), child,
                    cl.legacyMaster());
        }
        if (r instanceof Bundle b && b.primitive() != null) {
            Resource child = rewrite(b.primitive(), id, change);
            if (child != null && !(child instanceof Primitive)) {
                throw new EditException("bundle '" + b.id() + "' can hold only a primitive");
            }
            return new Bundle(b.id(), b.description(), b.metaAttributes(), b.container(), b.network(), b.storage(),
                    (Primitive) child);
        }
        return r;
    }

    /** A resource's kind in words: primitive, group, clone, promotable clone, bundle. */
    public static String kind(Resource r) {
        if (r instanceof Clone c) {
            return isPromotable(c) ? "promotable clone" : "clone";
        }
        return r instanceof Primitive ? "primitive" : r instanceof Group ? "group" : "bundle";
    }

    public static boolean isPromotable(Clone c) {
        if (c.legacyMaster()) {
            return true;
        }
        return c.metaAttributes().stream().anyMatch(s -> "true".equalsIgnoreCase(s.get("promotable")));
    }

    /** The same resource with other meta attribute sets. */
    public static Resource withMeta(Resource r, List<dev.vigil.model.cib.NvSet> meta) {
        if (r instanceof Primitive p) {
            return new Primitive(p.id(), p.description(), p.agentClass(), p.provider(), p.type(),
                    p.template(), p.instanceAttributes(), meta, p.utilization(), p.operations());
        }
        if (r instanceof Group g) {
            return new Group(g.id(), g.description(), meta, g.instanceAttributes(), g.members());
        }
        if (r instanceof Clone c) {
            return new Clone(c.id(), c.description(), meta, c.instanceAttributes(), c.child(), c.legacyMaster());
        }
        Bundle b = (Bundle) r;
        return new Bundle(b.id(), b.description(), meta, b.container(), b.network(), b.storage(), b.primitive());
    }

    private static void collect(Resource r, List<Resource> out) {
        out.add(r);
        r.children().forEach(ch -> collect(ch, out));
    }
}
