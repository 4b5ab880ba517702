package dev.vigil.scheduler;

import static dev.vigil.scheduler.SmallCib.dummy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Live migration, as crm_simulate 2.1.5 plans it. */
class MigrationTest {
    private static final String MIGRATABLE = "<meta_attributes id=\"m\"><nvpair id=\"m1\" name=\"allow-migrate\" "
            + "value=\"true\"/></meta_attributes>";

    private static SmallCib moving(String... extraResources) {
        SmallCib cib = new SmallCib("node1", "node2").resources(dummy("vm", MIGRATABLE))
                .constraints("<rsc_location id=\"prefer\" rsc=\"vm\" node=\"node2\" score=\"100\"/>")
                .ran("node1", "vm", "start", 0, "")
                .recorded("node2", "vm", "monitor", 0, 7, 7, "");
        for (String r : extraResources) {
            cib.resources(r);
        }
        return cib;
    }

    @Test
    void aMovingResourceThatAllowsItMigrates() {
        SmallCib cib = moving();
        assertEquals(List.of("* Migrate vm ( node1 -> node2 )"), cib.transitionSummary());
        assertEquals(List.of("* Resource action: vm migrate_to on node1", "* Resource action: vm migrate_from on node2",
                "* Resource action: vm stop on node1", "* Pseudo action: vm_start_0"), cib.executed());
    }

    @Test
    void aResourceThatMustStopBeforeARealStopMovesInstead() {
        SmallCib cib = moving(dummy("db"))
                .constraints("<rsc_order id=\"db-then-vm\" first=\"db\" then=\"vm\"/>"
                        + "<rsc_location id=\"db-away\" rsc=\"db\" node=\"node1\" score=\"-INFINITY\"/>")
                .ran("node1", "db", "start", 0, "")
                .recorded("node2", "db", "monitor", 0, 7, 7, "");
        assertTrue(cib.transitionSummary().contains("* Move vm ( node1 -> node2 ) due to unrunnable db stop"));
    }

    @Test
    void aMigrationUnderWayIsCompleted() {
        SmallCib cib = new SmallCib("node1", "node2").resources(dummy("vm", MIGRATABLE))
                .constraints("<rsc_location id=\"prefer\" rsc=\"vm\" node=\"node2\" score=\"100\"/>")
                .ran("node1", "vm", "start", 0, "")
                .ran("node1", "vm", "migrate_to", 0, "migrate_source=\"node1\" migrate_target=\"node2\"")
                .recorded("node2", "vm", "monitor", 0, 7, 7, "");
        assertEquals(List.of("* Migrate vm ( node1 -> node2 )"), cib.transitionSummary());
        assertEquals(List.of("* Resource action: vm migrate_from on node2", "* Resource action: vm stop on node1",
                "* Pseudo action: vm_start_0"), cib.executed());
    }

    @Test
    void aFinishedMigrationOnlyNeedsTheSourceStopped() {
        SmallCib cib = new SmallCib("node1", "node2").resources(dummy("vm", MIGRATABLE))
                .constraints("<rsc_location id=\"prefer\" rsc=\"vm\" node=\"node2\" score=\"100\"/>")
                .ran("node1", "vm", "start", 0, "")
                .ran("node1", "vm", "migrate_to", 0, "migrate_source=\"node1\" migrate_target=\"node2\"")
                .ran("node2", "vm", "migrate_from", 0, "migrate_source=\"node1\" migrate_target=\"node2\"");
        assertEquals(List.of(), cib.transitionSummary());
        assertEquals(List.of("* Resource action: vm stop on node1"), cib.executed());
    }

    @Test
    void aResourceStillToCleanUpAfterAMigrationMovesOnWithoutMigrating() {
        SmallCib cib = new SmallCib("node1", "node2", "node3").resources(dummy("vm", MIGRATABLE))
                .constraints("<rsc_location id=\"prefer\" rsc=\"vm\" node=\"node3\" score=\"INFINITY\"/>")
                .ran("node1", "vm", "migrate_to", 0, "migrate_source=\"node1\" migrate_target=\"node2\"")
                .ran("node2", "vm", "migrate_from", 0, "migrate_source=\"node1\" migrate_target=\"node2\"")
                .recorded("node3", "vm", "monitor", 0, 7, 7, "");
        assertEquals(List.of("* Move vm ( node2 -> node3 )"), cib.transitionSummary());
        assertEquals(List.of("* Resource action: vm stop on node2", "* Resource action: vm stop on node1",
                "* Resource action: vm start on node3"), cib.executed());
    }

    @Test
    void aSourceToCleanUpIsStoppedBeforeARestart() {
        SmallCib cib = new SmallCib("node1", "node2").resources(dummy("vm", MIGRATABLE))
                .constraints("<rsc_location id=\"prefer\" rsc=\"vm\" node=\"node2\" score=\"100\"/>")
                .ran("node1", "vm", "migrate_to", 0, "migrate_source=\"node1\" migrate_target=\"node2\"")
                .ran("node2", "vm", "migrate_from", 0, "migrate_source=\"node1\" migrate_target=\"node2\" "
                        + "op-digest=\"00000000000000000000000000000000\"");
        assertEquals(List.of("* Restart vm ( node2 ) due to resource definition change"), cib.transitionSummary());
        assertEquals(List.of("* Resource action: vm stop on node2", "* Resource action: vm stop on node1",
                "* Resource action: vm start on node2"), cib.executed());
    }
}
