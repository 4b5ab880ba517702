package dev.vigil.cli.edit;

import dev.vigil.model.Durations;
import dev.vigil.model.cib.NvSet;
import dev.vigil.model.cib.Operation;
import dev.vigil.model.cib.Operations;
import dev.vigil.model.cib.Primitive;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A primitive's operations and utilization. */
public final class OperationEdits {
    private OperationEdits() {
    }

    /** Adds an operation (refused if one with the same action and interval exists). */
    public static CibEdit opAdd(String id, ResourceArgs.OpArgs op) {
        return CibEdit.ofConfiguration(c -> {
            Primitive p = Resources.requirePrimitive(c, id);
            Operation built = Ops.build(id, op, ConfigIds.all(c));
            for (Operation o : p.operations().ops()) {
                if (sameOp(o, built)) {
                    throw new EditException("resource '" + id + "' already has op " + o.name() + " interval=" + o.interval()
                            + " (" + o.id() + "); change it with: vigil resource update " + id + " op " + o.name() + " ...");
                }
            }
            return Resources.rewrite(c, id, r -> withOps(p, putOp(id, p.operations(), built)));
        });
    }

    /** Removes operations by id, or by action (and interval when given). */
    public static CibEdit opRemove(String id, String action, String interval) {
        return CibEdit.ofConfiguration(c -> {
            Primitive p = Resources.requirePrimitive(c, id);
            List<Operation> kept = new ArrayList<>();
            for (Operation o : p.operations().ops()) {
                boolean match = action.equals(o.id()) || action.equals(o.name()) && (interval == null
                        || Durations.parseMillisOr(interval, -1) == Durations.parseMillisOr(o.interval(), -2));
                if (!match) {
                    kept.add(o);
                }
            }
            if (kept.size() == p.operations().ops().size()) {
                throw new UnknownIdException("resource '" + id + "' has no op " + action
                        + (interval == null ? "" : " interval=" + interval) + " (it has: "
                        + String.join(", ", p.operations().ops().stream().map(o -> o.name() + " " + o.interval()).toList()) + ")");
            }
            Operations ops = new Operations(p.operations().id(), p.operations().idRef(), kept);
            return Resources.rewrite(c, id, r -> withOps(p, ops));
        });
    }

    /** Utilization of a primitive (an empty value removes the name); values must be integers. */
    public static CibEdit utilization(String id, Map<String, String> values) {
        return CibEdit.ofConfiguration(c -> {
            Primitive p = Resources.requirePrimitive(c, id);
            requireIntegers("resource '" + id + "'", values);
            List<NvSet> util = NvSets.apply(p.utilization(), id + "-utilization", values, ConfigIds.all(c));
            return Resources.rewrite(c, id, r -> new Primitive(p.id(), p.description(), p.agentClass(), p.provider(),
                    p.type(), p.template(), p.instanceAttributes(), p.metaAttributes(), util, p.operations()));
        });
    }

    static void requireIntegers(String owner, Map<String, String> values) {
        values.forEach((name, value) -> {
            if (value != null && !value.isEmpty() && !value.matches("[0-9]+")) {
                throw new EditException(owner + ": utilization " + name + "='" + value
                        + "' is not a non-negative integer");
            }
        });
    }

    private static Primitive withOps(Primitive p, Operations ops) {
        return new Primitive(p.id(), p.description(), p.agentClass(), p.provider(), p.type(), p.template(),
                p.instanceAttributes(), p.metaAttributes(), p.utilization(), ops);
    }

    static Operations putOp(String id, Operations ops, Operation op) {
        List<Operation> list = new ArrayList<>();
        boolean replaced = false;
        for (Operation o : ops.ops()) {
            if (sameOp(o, op)) {
                list.add(new Operation(o.id(), null, op.name(), op.interval(), op.role(), op.attributes(),
                        o.instanceAttributes(), o.metaAttributes()));
                replaced = true;
            } else {
                list.add(o);
            }
        }
        if (!replaced) {
            list.add(op);
        }
        return new Operations(ops.id(), ops.idRef(), list);
    }

    private static boolean sameOp(Operation a, Operation b) {
        return a.name().equals(b.name()) && java.util.Objects.equals(a.role(), b.role())
                && Durations.parseMillisOr(a.interval(), -1) == Durations.parseMillisOr(b.interval(), -2);
    }
}
