package dev.vigil.cli.edit;

import dev.vigil.model.cib.FencingLevel;
import dev.vigil.model.cib.Primitive;
import dev.vigil.model.cib.Resource;
import java.util.ArrayList;
import java.util.List;

/** Fencing topology: which devices to try, in which order, for a node. */
public final class FencingEdits {
    private FencingEdits() {
    }

    /** {@code stonith level add LEVEL NODE DEVICE…}: devices must be stonith resources; one level per node and index. */
    public static CibEdit levelAdd(int index, String node, List<String> devices, boolean allowUnknownNode) {
        return CibEdit.ofConfiguration(c -> {
            if (index < 1 || index > 9) {
                throw new EditException("stonith level: the level must be 1 to 9, not " + index);
            }
            if (devices.isEmpty()) {
                throw new EditException("stonith level: name at least one fence device");
            }
            ConstraintEdits.requireNode(c, node, allowUnknownNode);
            List<String> stonith = Resources.all(c).stream().filter(FencingEdits::isStonith).map(Resource::id).toList();
            for (String d : devices) {
                if (!stonith.contains(d)) {
                    throw new UnknownIdException("fence device '" + d + "' does not exist" + Suggest.hint(d, stonith)
                            + " (create it with: vigil stonith create " + d + " fence_AGENT ...)");
                }
            }
            for (FencingLevel l : c.fencingTopology()) {
                if (node.equals(l.target()) && l.index() == index) {
                    throw new EditException("stonith level " + index + " for node '" + node + "' exists already (" + l.id()
                            + ": " + String.join(",", l.devices()) + ")");
                }
            }
            List<FencingLevel> levels = new ArrayList<>(c.fencingTopology());
            levels.add(new FencingLevel(ConfigIds.fresh("fl-" + node + "-" + index, ConfigIds.all(c)), node, null, null, null,
                    index, devices));
            return c.withFencingTopology(levels);
        });
    }

    /** Removes the level(s) of a node (all of its levels when {@code index} is null). */
    public static CibEdit levelRemove(Integer index, String node) {
        return CibEdit.ofConfiguration(c -> {
            List<FencingLevel> levels = new ArrayList<>(c.fencingTopology());
            boolean removed = levels.removeIf(l -> node.equals(l.target()) && (index == null || l.index() == index));
            if (!removed) {
                throw new UnknownIdException("no fencing level" + (index == null ? "" : " " + index) + " for node '" + node + "'");
            }
            return c.withFencingTopology(levels);
        });
    }

    public static boolean isStonith(Resource r) {
        return r instanceof Primitive p && "stonith".equals(p.agentClass());
    }
}
