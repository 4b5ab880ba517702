package dev.vigil.controller.status;

import dev.vigil.model.cib.LrmOp;
import dev.vigil.model.cib.LrmResource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A fingerprint of an operation history that does not depend on order or on pending entries,
 * so that a node and the DC can check cheaply that the CIB holds what the node knows (anti-
 * entropy: a result that got lost is noticed and the node's history collected again).
 * Attributes with empty values are left out, since a CIB codec may drop them.
 */
public final class HistoryDigest {
    private HistoryDigest() {
    }

    public static String of(List<LrmResource> history) {
        List<LrmResource> sorted = new ArrayList<>(history);
        sorted.sort(Comparator.comparing(LrmResource::id));
        StringBuilder text = new StringBuilder();
        for (LrmResource r : sorted) {
            List<LrmOp> ops = new ArrayList<>();
            for (LrmOp op : r.ops()) {
                if (op.opStatus() != LrmOp.STATUS_PENDING && op.opStatus() != LrmOp.STATUS_CANCELLED && op.id() != null) {
                    ops.add(op);
                }
            }
            if (ops.isEmpty()) {
                continue;
            }
            ops.sort(Comparator.comparing(LrmOp::id));
            text.append(r.id()).append('|').append(r.agentClass()).append('|').append(r.provider()).append('|')
                    .append(r.type()).append('\n');
            for (LrmOp op : ops) {
                for (Map.Entry<String, String> e : new TreeMap<>(op.attributes()).entrySet()) {
                    if (e.getValue() != null && !e.getValue().isEmpty()) {
                        text.append(' ').append(e.getKey()).append('=').append(e.getValue());
                    }
                }
                text.append('\n');
            }
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always provides SHA-256", e);
        }
    }
}
