package dev.vigil.scheduler;

import java.util.ArrayList;
import java.util.List;

/**
 * The order in which Pacemaker walks a table of nodes keyed by node id. Where Pacemaker keeps
 * the first of several equally good nodes found in such a walk, the choice depends on this
 * order, which is that of a GLib hash table with string keys: buckets in index order, a key's
 * home bucket {@code (hash * 11) mod p} (p a prime below the table size, hash the djb2 string
 * hash), collisions resolved by triangular probing, the table doubling once it is 15/16 full.
 */
final class NodeTableOrder {
    /** Primes GLib uses as the modulus for tables of 2^shift buckets. */
    private static final int[] PRIME_MOD = {1, 2, 3, 7, 13, 31, 61, 127, 251, 509, 1021, 2039, 4093, 8191,
        16381, 32749, 65521, 131071, 262139, 524287, 1048573, 2097143, 4194301, 8388593, 16777213, 33554393,
        67108859, 134217689, 268435399, 536870909, 1073741789, 2147483647};
    private static final int MIN_SHIFT = 3;

    private int shift;
    private int size;
    private int[] hashes;
    private SNode[] nodes;
    private int occupied;

    private NodeTableOrder() {
        setShift(MIN_SHIFT);
        hashes = new int[size];
        nodes = new SNode[size];
    }

    /** The nodes in the order a table built by inserting them in list order is walked. */
    static List<SNode> of(List<SNode> inserted) {
        NodeTableOrder table = new NodeTableOrder();
        for (SNode node : inserted) {
            table.insert(node);
        }
        List<SNode> out = new ArrayList<>();
        for (SNode node : table.nodes) {
            if (node != null) {
                out.add(node);
            }
        }
        return out;
    }

    private void setShift(int newShift) {
        shift = newShift;
        size = 1 << shift;
    }

    private int mask() {
        return size - 1;
    }

    private int home(int hash) {
        return (int) (Integer.toUnsignedLong(hash * 11) % PRIME_MOD[shift]);
    }

    /** GLib's g_str_hash, with the values 0 and 1 (reserved for empty and deleted buckets) moved to 2. */
    static int stringHash(String key) {
        int h = 5381;
        for (byte b : key.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            h = h * 33 + (b & 0xff);
        }
        return Integer.compareUnsigned(h, 1) <= 0 ? 2 : h;
    }

    private void insert(SNode node) {
        int hash = stringHash(node.id);
        int index = home(hash);
        int step = 0;
        while (nodes[index] != null) {
            if (nodes[index].id.equals(node.id)) {
                return;
            }
            step++;
            index = (index + step) & mask();
        }
        hashes[index] = hash;
        nodes[index] = node;
        occupied++;
        if (size <= occupied + occupied / 16) {
            grow();
        }
    }

    /**
     * Doubles (or more) the table in place as GLib does: old buckets are visited in order, each
     * entry moved to the first free-for-this-pass bucket of its probe sequence, evicting an entry
     * not yet moved, which then moves on in turn.
     */
    private void grow() {
        int oldSize = size;
        int newShift = Math.max(closestShift((int) (occupied * 1.333)), MIN_SHIFT);
        setShift(newShift);
        int[] newHashes = java.util.Arrays.copyOf(hashes, size);
        SNode[] newNodes = java.util.Arrays.copyOf(nodes, size);
        boolean[] placed = new boolean[size];
        for (int i = 0; i < oldSize; i++) {
            if (newNodes[i] == null || placed[i]) {
                continue;
            }
            int hash = newHashes[i];
            SNode moving = newNodes[i];
            newNodes[i] = null;
            while (true) {
                int index = home(hash);
                int step = 0;
                while (placed[index]) {
                    step++;
                    index = (index + step) & mask();
                }
                placed[index] = true;
                SNode evicted = newNodes[index];
                int evictedHash = newHashes[index];
                newNodes[index] = moving;
                newHashes[index] = hash;
                if (evicted == null) {
                    break;
                }
                moving = evicted;
                hash = evictedHash;
            }
        }
        hashes = newHashes;
        nodes = newNodes;
    }

    private static int closestShift(int n) {
        int i = 0;
        while (n != 0) {
            n >>= 1;
            i++;
        }
        return i;
    }
}
