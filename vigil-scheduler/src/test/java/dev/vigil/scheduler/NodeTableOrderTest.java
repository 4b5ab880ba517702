package dev.vigil.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The walk order of Pacemaker's node tables, checked against crm_simulate 2.1.5, which picks
 * the first of several equally roomy nodes in this order (the orders below were observed).
 */
class NodeTableOrderTest {
    private static List<SNode> nodes(int count) {
        List<SNode> out = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            out.add(new SNode(Integer.toString(i), "node" + i, SNode.Kind.MEMBER));
        }
        return out;
    }

    @Test
    void threeNodesAreWalkedInBucketOrder() {
        assertEquals(List.of("1", "3", "2"), NodeTableOrder.of(nodes(3)).stream().map(n -> n.id).toList());
    }

    @Test
    void aGrownTableIsWalkedInItsNewBucketOrder() {
        assertEquals(List.of("4", "3", "2", "8", "1", "7", "6", "5"),
                NodeTableOrder.of(nodes(8)).stream().map(n -> n.id).toList());
        assertEquals(List.of("4", "3", "9", "2", "8", "1", "7", "6", "5"),
                NodeTableOrder.of(nodes(9)).stream().map(n -> n.id).toList());
    }

    @Test
    void everyNodeIsWalkedOnce() {
        assertEquals(40, NodeTableOrder.of(nodes(40)).stream().distinct().count());
    }
}
