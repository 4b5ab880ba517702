package dev.vigil.cli.edit;

import dev.vigil.model.cib.ColocationConstraint;
import dev.vigil.model.cib.Constraint;
import dev.vigil.model.cib.LocationConstraint;
import dev.vigil.model.cib.OrderConstraint;
import dev.vigil.model.cib.ResourceSet;
import dev.vigil.model.cib.TicketConstraint;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What a constraint names: its resources (directly or in sets), and its sets. */
public final class References {
    private References() {
    }

    /** Every resource id the constraint names, in order. */
    public static List<String> named(Constraint k) {
        List<String> out = new ArrayList<>();
        if (k instanceof LocationConstraint l) {
            out.add(l.rsc());
        } else if (k instanceof ColocationConstraint co) {
            out.add(co.rsc());
            out.add(co.withRsc());
        } else if (k instanceof OrderConstraint o) {
            out.add(o.first());
            out.add(o.then());
        } else if (k instanceof TicketConstraint t) {
            out.add(t.rsc());
        }
        sets(k).forEach(s -> out.addAll(s.resources()));
        return out.stream().filter(Objects::nonNull).toList();
    }

    public static List<ResourceSet> sets(Constraint k) {
        if (k instanceof LocationConstraint l) {
            return l.sets();
        }
        if (k instanceof ColocationConstraint co) {
            return co.sets();
        }
        if (k instanceof OrderConstraint o) {
            return o.sets();
        }
        return ((TicketConstraint) k).sets();
    }

    static Constraint withSets(Constraint k, List<ResourceSet> sets) {
        if (k instanceof LocationConstraint l) {
            return new LocationConstraint(l.id(), l.rsc(), l.rscPattern(), l.role(), l.node(), l.score(),
                    l.resourceDiscovery(), l.rules(), sets);
        }
        if (k instanceof ColocationConstraint co) {
            return new ColocationConstraint(co.id(), co.rsc(), co.withRsc(), co.rscRole(), co.withRscRole(), co.score(),
                    co.nodeAttribute(), co.influence(), sets);
        }
        if (k instanceof OrderConstraint o) {
            return new OrderConstraint(o.id(), o.first(), o.then(), o.firstAction(), o.thenAction(), o.kind(), o.score(),
                    o.symmetrical(), o.requireAll(), sets);
        }
        TicketConstraint t = (TicketConstraint) k;
        return new TicketConstraint(t.id(), t.rsc(), t.rscRole(), t.ticket(), t.lossPolicy(), sets);
    }
}
