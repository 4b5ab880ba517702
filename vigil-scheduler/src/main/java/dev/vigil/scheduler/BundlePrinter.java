package dev.vigil.scheduler;

import java.util.List;

/** Bundles in the status display. */
final class BundlePrinter {
    private BundlePrinter() {
    }

    static void print(StatusPrinter printer, Cluster cluster, Rsc bundle, String indent, List<String> out) {
        out.add(indent + "* Container bundle: " + bundle.id + ":");
    }
}
