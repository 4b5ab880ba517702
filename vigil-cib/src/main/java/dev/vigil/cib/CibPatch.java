package dev.vigil.cib;

import dev.vigil.model.cib.Cib;
import dev.vigil.model.cib.CibVersion;
import dev.vigil.model.cib.Configuration;
import dev.vigil.model.cib.NodeState;
import dev.vigil.model.cib.Status;
import dev.vigil.model.cib.TicketState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A change to a CIB as the parts it replaces, each with the hash of the part it was made from:
 * the root element's own attributes, the configuration, the tickets, and each node's status
 * entry ({@code node_state}, by id). A node forwards a change to the DC as a patch; the DC
 * applies it to its newer copy if every part it replaces is still as the change saw it, so
 * changes to different parts (an attribute of node1, an operation result of node2) never
 * conflict.
 *
 * <p>Applying is idempotent: a part that already has the patch's new value is left alone, so a
 * patch sent again after a DC failover does not apply twice.
 *
 * @param base       the version the change was made from (for messages)
 * @param adminEpoch the change's admin_epoch (the DC keeps the larger of this and its own)
 * @param parts      the replaced parts, in document order
 */
public record CibPatch(CibVersion base, long adminEpoch, List<Part> parts) {
    static final String ABSENT = "-";
    static final String ATTRIBUTES = "attributes";
    static final String CONFIGURATION = "configuration";
    static final String TICKETS = "tickets";
    static final String NODE_STATE = "node_state ";

    public CibPatch {
        Objects.requireNonNull(base, "base");
        parts = List.copyOf(parts);
    }

    /**
     * One replaced part.
     *
     * @param key      {@code attributes}, {@code configuration}, {@code tickets} or
     *                 {@code node_state ID}
     * @param baseHash SHA-256 of the part before the change, {@code -} if it did not exist
     * @param newHash  SHA-256 of the part after it, {@code -} if the change removes it
     * @param xml      the part after the change, as a CIB document holding only that part;
     *                 null for a removal
     */
    public record Part(String key, String baseHash, String newHash, String xml) {
        public Part {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(baseHash, "baseHash");
            Objects.requireNonNull(newHash, "newHash");
            if ((xml == null) != newHash.equals(ABSENT)) {
                throw new IllegalArgumentException("part " + key + ": xml must be given exactly when it is not removed");
            }
        }
    }

    /** The outcome of {@link #applyTo}. */
    public sealed interface Outcome permits Applied, Conflict {
    }

    /** The patched copy ({@code changed} false when every part already had its new value). */
    public record Applied(Cib cib, boolean changed) implements Outcome {
    }

    /** A part changed since the patch was made; {@code part} names it. */
    public record Conflict(String part) implements Outcome {
    }

    /** The patch that turns {@code base} into {@code result}; empty if they are equal. */
    public static CibPatch between(Cib base, Cib result) {
        Map<String, String> before = parts(base);
        Map<String, String> after = parts(result);
        List<Part> changed = new ArrayList<>();
        for (Map.Entry<String, String> e : after.entrySet()) {
            String old = before.get(e.getKey());
            if (!e.getValue().equals(old)) {
                changed.add(new Part(e.getKey(), old == null ? ABSENT : hash(old), hash(e.getValue()), e.getValue()));
            }
        }
        for (Map.Entry<String, String> e : before.entrySet()) {
            if (!after.containsKey(e.getKey())) {
                changed.add(new Part(e.getKey(), hash(e.getValue()), ABSENT, null));
            }
        }
        return new CibPatch(base.version(), result.version().adminEpoch(), changed);
    }

    public boolean isEmpty() {
        return parts.isEmpty();
    }

    /** The keys of the parts, for messages. */
    public List<String> keys() {
        return parts.stream().map(Part::key).toList();
    }

    /**
     * Applies the patch to {@code current} (the version attributes are left as they are: the
     * caller sets the new version).
     *
     * @throws CibFormatException when a part's XML does not parse (a corrupt message)
     */
    public Outcome applyTo(Cib current) {
        Map<String, String> now = parts(current);
        List<Part> toApply = new ArrayList<>();
        for (Part p : parts) {
            String present = now.get(p.key());
            String presentHash = present == null ? ABSENT : hash(present);
            if (presentHash.equals(p.newHash())) {
                continue;
            }
            if (!presentHash.equals(p.baseHash())) {
                return new Conflict(p.key());
            }
            toApply.add(p);
        }
        if (toApply.isEmpty()) {
            return new Applied(current, false);
        }
        Cib out = current;
        for (Part p : toApply) {
            out = apply(out, p);
        }
        if (adminEpoch > out.version().adminEpoch()) {
            out = out.withAttribute("admin_epoch", Long.toString(adminEpoch));
        }
        return new Applied(out, true);
    }

    private static Cib apply(Cib cib, Part p) {
        Cib part = p.xml() == null ? null : CibXml.parse(p.xml());
        if (p.key().equals(ATTRIBUTES)) {
            Map<String, String> attrs = new LinkedHashMap<>();
            cib.attributes().forEach((k, v) -> {
                if (CibVersions.MANAGED_ATTRIBUTES.contains(k)) {
                    attrs.put(k, v);
                }
            });
            attrs.putAll(CibVersions.userAttributes(Objects.requireNonNull(part, "attributes cannot be removed")));
            return new Cib(attrs, cib.configuration(), cib.status());
        }
        if (p.key().equals(CONFIGURATION)) {
            return cib.withConfiguration(part == null ? Configuration.EMPTY : part.configuration());
        }
        if (p.key().equals(TICKETS)) {
            List<TicketState> tickets = part == null ? List.of() : part.status().tickets();
            return cib.withStatus(new Status(cib.status().nodes(), tickets));
        }
        String id = p.key().substring(NODE_STATE.length());
        List<NodeState> nodes = new ArrayList<>();
        boolean replaced = false;
        for (NodeState n : cib.status().nodes()) {
            if (id.equals(n.id())) {
                if (part != null) {
                    nodes.add(part.status().nodes().get(0));
                }
                replaced = true;
            } else {
                nodes.add(n);
            }
        }
        if (!replaced && part != null) {
            nodes.add(part.status().nodes().get(0));
        }
        return cib.withStatus(new Status(nodes, cib.status().tickets()));
    }

    /**
     * Each part of a CIB as the canonical XML of a document holding only it, in document order
     * (canonical: a copy that was parsed and one that was built in code hash alike).
     */
    static Map<String, String> parts(Cib cib) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(ATTRIBUTES, CibXml.writeCanonical(new Cib(CibVersions.userAttributes(cib), Configuration.EMPTY, Status.EMPTY)));
        out.put(CONFIGURATION, CibXml.writeCanonical(new Cib(Map.of(), cib.configuration(), Status.EMPTY)));
        if (!cib.status().tickets().isEmpty()) {
            out.put(TICKETS, CibXml.writeCanonical(new Cib(Map.of(), Configuration.EMPTY,
                    new Status(List.of(), cib.status().tickets()))));
        }
        for (NodeState n : cib.status().nodes()) {
            out.put(NODE_STATE + n.id(), CibXml.writeCanonical(new Cib(Map.of(), Configuration.EMPTY,
                    new Status(List.of(n), List.of()))));
        }
        return out;
    }

    private static String hash(String xml) {
        return CibDigest.sha256(xml);
    }
}
