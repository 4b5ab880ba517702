package dev.vigil.cluster.membership;

import org.jgroups.Address;
import org.jgroups.util.ExtendedUUID;
import org.jgroups.util.NameCache;

import java.nio.charset.StandardCharsets;

/**
 * Carries the Vigil node name inside the JGroups address, so that any member can name any
 * other from a view or a message alone (no lookup that could miss).
 */
final class NodeNames {
    private static final String KEY = "vigil-node";

    private NodeNames() {
    }

    /** A fresh address for node {@code name} (random, so a restarted node is a new incarnation). */
    static Address newAddress(String name) {
        return ExtendedUUID.randomUUID(name).put(KEY, name.getBytes(StandardCharsets.UTF_8));
    }

    /** The node name in {@code address}, or the best name JGroups knows for a foreign address. */
    static String of(Address address) {
        if (address == null) {
            return "?";
        }
        if (address instanceof ExtendedUUID e) {
            byte[] name = e.get(KEY);
            if (name != null) {
                return new String(name, StandardCharsets.UTF_8);
            }
        }
        String cached = NameCache.get(address);
        return cached != null ? cached : address.toString();
    }
}
