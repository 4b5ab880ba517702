package dev.vigil.scheduler;

import dev.vigil.model.Role;
import java.util.ArrayList;
import java.util.List;

/**
 * Clones in the status display: unique clones list every instance; anonymous clones summarise
 * instances by role ({@code Started: [ node1 node2 ]}) and list the nodes where none runs.
 */
final class ClonePrinter {
    private ClonePrinter() {
    }

    static void print(StatusPrinter printer, Cluster cluster, Rsc clone, String indent, List<String> out) {
        List<String> flags = new ArrayList<>();
        if (clone.promotable) {
            flags.add("promotable");
        }
        if (clone.globallyUnique) {
            flags.add("unique");
        }
        if (!clone.managed) {
            flags.add("unmanaged");
        }
        if (clone.targetRole == Role.STOPPED) {
            flags.add("disabled");
        }
        String childId = clone.children.isEmpty() ? "" : ((dev.vigil.model.cib.Clone) clone.config).child().id();
        out.add(indent + "* Clone Set: " + clone.id + " [" + childId + "]"
                + (flags.isEmpty() ? "" : " (" + String.join(", ", flags) + ")") + ":");
        for (Rsc instance : clone.children) {
            if (instance.isPrimitive()) {
                out.add(indent + "  * " + printer.primitiveLine(instance, instance.id, true));
            }
        }
    }
}
