package dev.vigil.scheduler;

import java.util.List;

/**
 * Bundles in the status display: a header with the image, then one line per replica, named
 * after its guest node (and IP address), showing the bundled instance (or, without one, the
 * container) on the host where the container runs.
 */
final class BundlePrinter {
    private BundlePrinter() {
    }

    static void print(StatusPrinter printer, Cluster cluster, Rsc bundle, String indent, List<String> out) {
        Bundles.Spec spec = bundle.bundleSpec;
        StringBuilder header = new StringBuilder(indent).append("* Container bundle")
                .append(bundle.replicas.size() > 1 ? " set" : "").append(": ").append(bundle.id)
                .append(" [").append(spec.image()).append("]");
        if (spec.replicasPerHost() > 1) {
            header.append(" (unique)");
        }
        if (bundle.maintenance) {
            header.append(" (maintenance)");
        } else if (!bundle.managed) {
            header.append(" (unmanaged)");
        }
        out.add(header.append(":").toString());
        for (Bundles.Replica replica : bundle.replicas) {
            Rsc shown = replica.child != null ? replica.child : replica.container;
            String name = (replica.remote != null ? replica.remote : replica.container).id;
            if (replica.ipAddress != null) {
                name += " (" + replica.ipAddress + ")";
            }
            out.add(indent + "  * " + printer.primitiveLine(shown, name, false, replica.container.currentNode()));
        }
    }
}
