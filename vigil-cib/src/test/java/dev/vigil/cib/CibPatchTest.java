package dev.vigil.cib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.model.cib.Cib;
import dev.vigil.model.cib.CibVersion;
import dev.vigil.model.cib.NodeState;
import dev.vigil.model.cib.NvPair;
import dev.vigil.model.cib.NvSet;
import dev.vigil.model.cib.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CibPatchTest {
    static final Cib BASE = CibXml.parse(("<cib admin_epoch='0' epoch='3' num_updates='7' validate-with='pacemaker-3.0' have-quorum='1'>"
            + "<configuration><crm_config/><nodes><node id='1' uname='node1'/><node id='2' uname='node2'/></nodes>"
            + "<resources/><constraints/></configuration><status>"
            + "<node_state id='1' uname='node1' in_ccm='true' crmd='online' join='member' expected='member'/>"
            + "<node_state id='2' uname='node2' in_ccm='true' crmd='online' join='member' expected='member'/>"
            + "</status></cib>").replace('\'', '"'));

    static Cib withTransient(Cib cib, String nodeId, String name, String value) {
        List<NodeState> nodes = new ArrayList<>();
        for (NodeState n : cib.status().nodes()) {
            if (n.id().equals(nodeId)) {
                n = new NodeState(n.attributes(), List.of(NvSet.of("status-" + nodeId,
                        List.of(NvPair.of("status-" + nodeId + "-" + name, name, value)))), n.hasLrm(), n.lrmResources());
            }
            nodes.add(n);
        }
        return cib.withStatus(new Status(nodes, cib.status().tickets()));
    }

    static Cib withProperty(Cib cib, String value) {
        return cib.withConfiguration(cib.configuration().withClusterProperties(List.of(
                NvSet.of("opts", List.of(NvPair.of("opts-se", "stonith-enabled", value))))));
    }

    @Test
    void onlyChangedPartsTravel() {
        CibPatch p = CibPatch.between(BASE, withTransient(BASE, "2", "pingd", "100"));
        assertEquals(List.of("node_state 2"), p.keys());
        assertEquals(new CibVersion(0, 3, 7), p.base());
        assertTrue(CibPatch.between(BASE, BASE).isEmpty());
        assertEquals(List.of("configuration"), CibPatch.between(BASE, withProperty(BASE, "false")).keys());
    }

    @Test
    void changesToDifferentPartsDoNotConflict() {
        Cib dcCopy = withTransient(BASE, "1", "a", "1").withVersion(new CibVersion(0, 3, 8));
        CibPatch p = CibPatch.between(BASE, withTransient(BASE, "2", "b", "2"));
        CibPatch.Applied applied = assertInstanceOf(CibPatch.Applied.class, p.applyTo(dcCopy));
        assertTrue(applied.changed());
        assertEquals(withTransient(withTransient(BASE, "1", "a", "1"), "2", "b", "2").withVersion(new CibVersion(0, 3, 8)),
                applied.cib());
    }

    @Test
    void attributeOrderDoesNotMakeAChange() {
        NodeState parsed = BASE.status().nodes().get(1);
        Map<String, String> reordered = new java.util.LinkedHashMap<>();
        List<String> names = new ArrayList<>(parsed.attributes().keySet());
        java.util.Collections.reverse(names);
        names.forEach(n -> reordered.put(n, parsed.get(n)));
        Cib built = BASE.withStatus(new Status(List.of(BASE.status().nodes().get(0),
                new NodeState(reordered, List.of(), false, List.of())), List.of()));
        assertTrue(CibPatch.between(BASE, built).isEmpty());
        CibPatch p = CibPatch.between(BASE, withTransient(BASE, "2", "b", "2"));
        assertInstanceOf(CibPatch.Applied.class, p.applyTo(built));
    }

    @Test
    void aChangeToTheSamePartConflicts() {
        Cib dcCopy = withTransient(BASE, "2", "a", "1");
        CibPatch p = CibPatch.between(BASE, withTransient(BASE, "2", "b", "2"));
        assertEquals(new CibPatch.Conflict("node_state 2"), p.applyTo(dcCopy));
    }

    @Test
    void applyingTwiceIsANoOp() {
        Cib target = withProperty(BASE, "false");
        CibPatch p = CibPatch.between(BASE, target);
        CibPatch.Applied once = assertInstanceOf(CibPatch.Applied.class, p.applyTo(BASE));
        assertEquals(target, once.cib());
        CibPatch.Applied twice = assertInstanceOf(CibPatch.Applied.class, p.applyTo(once.cib()));
        assertFalse(twice.changed());
        assertEquals(once.cib(), twice.cib());
    }

    @Test
    void nodeStatesCanBeAddedAndRemoved() {
        List<NodeState> nodes = new ArrayList<>(BASE.status().nodes());
        nodes.remove(0);
        nodes.add(new NodeState(Map.of("id", "3", "uname", "node3"), List.of(), false, List.of()));
        Cib target = BASE.withStatus(new Status(nodes, List.of()));
        CibPatch p = CibPatch.between(BASE, target);
        assertEquals(List.of("node_state 3", "node_state 1"), p.keys());
        CibPatch.Applied applied = assertInstanceOf(CibPatch.Applied.class, p.applyTo(BASE));
        assertEquals(target.status(), applied.cib().status());
    }

    @Test
    void rootSettingsChangeButManagedFieldsStay() {
        Cib target = BASE.withAttribute("validate-with", "pacemaker-3.9").withAttribute("have-quorum", "0")
                .withAttribute("admin_epoch", "2");
        CibPatch p = CibPatch.between(BASE, target);
        assertEquals(List.of("attributes"), p.keys());
        Cib applied = ((CibPatch.Applied) p.applyTo(BASE)).cib();
        assertEquals("pacemaker-3.9", applied.get("validate-with"));
        assertEquals("1", applied.get("have-quorum"), "have-quorum belongs to the cluster");
        assertEquals("2", applied.get("admin_epoch"), "a raised admin_epoch is kept");
    }

    @Test
    void versionRules() {
        assertEquals(new CibVersion(0, 4, 0), CibVersions.next(BASE, withProperty(BASE, "true")));
        assertEquals(new CibVersion(0, 3, 8), CibVersions.next(BASE, withTransient(BASE, "1", "x", "y")));
        assertEquals(new CibVersion(0, 3, 8), CibVersions.next(BASE, BASE.withAttribute("dc-uuid", "2")));
        assertEquals(new CibVersion(0, 3, 7), CibVersions.next(BASE, BASE.withAttribute("cib-last-written", "now")));
        assertEquals(new CibVersion(5, 4, 0), CibVersions.next(BASE, BASE.withAttribute("admin_epoch", "5")));
    }
}
