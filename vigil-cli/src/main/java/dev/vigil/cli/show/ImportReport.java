package dev.vigil.cli.show;

import dev.vigil.cli.edit.NvSets;
import dev.vigil.cli.edit.Resources;
import dev.vigil.model.cib.Bundle;
import dev.vigil.model.cib.Cib;
import dev.vigil.model.cib.Configuration;
import dev.vigil.model.cib.Primitive;
import dev.vigil.model.cib.Resource;
import java.util.ArrayList;
import java.util.List;

/**
 * What a CIB from a Pacemaker cluster holds that Vigil keeps but does not act on, so the admin
 * knows before importing it: alerts (never run), ACLs (not enforced), remote and guest nodes and
 * bundles (scheduled, but the daemon cannot run their connections and containers), migration
 * (run as the graph says but untested). Pure: agents missing on this node are the command's check.
 */
public final class ImportReport {
    private ImportReport() {
    }

    public static List<String> unsupported(Cib cib) {
        Configuration c = cib.configuration();
        List<String> out = new ArrayList<>();
        if (c.alerts() != null && !c.alerts().children().isEmpty()) {
            out.add("alerts: " + c.alerts().children().size() + " kept, but Vigil does not run alert agents");
        }
        if (c.acls() != null && !c.acls().children().isEmpty()) {
            out.add("acls: kept, but Vigil does not enforce ACLs (access is the API socket's file permissions)");
        }
        for (Resource r : Resources.all(c)) {
            if (r instanceof Primitive p && "ocf".equals(p.agentClass()) && "pacemaker".equals(p.provider())
                    && "remote".equals(p.type())) {
                out.add("resource '" + p.id() + "': remote node connection (ocf:pacemaker:remote) is not run by the daemon");
            }
            if (NvSets.allValues(r.metaAttributes()).containsKey("remote-node")) {
                out.add("resource '" + r.id() + "': guest node (meta remote-node) is not run by the daemon");
            }
            if (r instanceof Bundle) {
                out.add("bundle '" + r.id() + "': placed by the scheduler, but the daemon does not run containers");
            }
            if ("true".equalsIgnoreCase(NvSets.allValues(r.metaAttributes()).get("allow-migrate"))) {
                out.add("resource '" + r.id() + "': allow-migrate=true; live migration is run as planned but untested");
            }
        }
        if (!c.templates().isEmpty()) {
            out.add("templates: " + c.templates().size() + " kept and used by the scheduler; the CLI shows primitives "
                    + "that use them as template=ID");
        }
        return out;
    }
}
