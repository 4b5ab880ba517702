package dev.vigil.cli.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.exec.AgentMetadata;
import dev.vigil.exec.AgentSpec;
import dev.vigil.model.cib.Cib;
import dev.vigil.model.cib.Clone;
import dev.vigil.model.cib.Configuration;
import dev.vigil.model.cib.Group;
import dev.vigil.model.cib.Operation;
import dev.vigil.model.cib.Primitive;
import dev.vigil.model.cib.Resource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Resource edits on small CIBs: the normal path and each wrong input. */
class ResourceEditsTest {
    static final AgentMetadata IP = new AgentMetadata(AgentSpec.ocf("heartbeat", "IPaddr2"), "IPaddr2", "1.0", "ip", "",
            List.of(param("ip", true, "string", List.of()), param("cidr_netmask", false, "integer", List.of()),
                    param("mode", false, "select", List.of("a", "b"))),
            List.of(new AgentMetadata.Action("start", Duration.ofSeconds(20), null, null, null),
                    new AgentMetadata.Action("monitor", Duration.ofSeconds(20), Duration.ofSeconds(10), null, null)));

    static AgentMetadata.Parameter param(String name, boolean required, String type, List<String> options) {
        return new AgentMetadata.Parameter(name, required, false, false, false, type, null, "", "", options);
    }

    static Cib create(Cib cib, String id, String group, String... args) {
        return Validation.applyChecked(cib, ResourceEdits.create(new ResourceEdits.Create(id, "ocf", "heartbeat", "IPaddr2",
                ResourceArgs.parse(List.of(args)), group, false, IP, false)));
    }

    static Configuration conf(Cib cib) {
        return cib.configuration();
    }

    @Test
    void createAddsTheAdvisedMonitorAndPcsStyleIds() {
        Cib c = create(TestCibs.web(), "vip", null, "ip=10.0.0.1", "meta", "resource-stickiness=5");
        Primitive p = Resources.requirePrimitive(conf(c), "vip");
        assertEquals(Map.of("ip", "10.0.0.1"), NvSets.allValues(p.instanceAttributes()));
        assertEquals("vip-instance_attributes-ip", p.instanceAttributes().get(0).pairs().get(0).id());
        assertEquals(Map.of("resource-stickiness", "5"), NvSets.allValues(p.metaAttributes()));
        Operation monitor = p.operations().ops().get(0);
        assertEquals(List.of("monitor", "10s", "vip-monitor-interval-10s", "20s"),
                List.of(monitor.name(), monitor.interval(), monitor.id(), monitor.attribute("timeout")));
    }

    @Test
    void createInAGroupAppendsOrMakesTheGroup() {
        Cib c = create(TestCibs.web(), "vip", "web", "ip=10.0.0.1");
        assertEquals(List.of("ip", "site", "vip"), ids(Resources.require(conf(c), "web").children()));
        c = create(c, "vip2", "newgroup", "ip=10.0.0.2");
        assertEquals("group", Resources.kind(Resources.require(conf(c), "newgroup")));
        EditException e = assertThrows(EditException.class, () -> create(TestCibs.web(), "x", "db", "ip=1"));
        assertEquals("'db' is a primitive, not a group", e.getMessage());
    }

    @Test
    void createRefusesWrongParameters() {
        EditException missing = assertThrows(EditException.class, () -> create(TestCibs.web(), "x", null, "cidr_netmask=24"));
        assertTrue(missing.getMessage().startsWith("resource 'x': ocf:heartbeat:IPaddr2 requires parameter ip"),
                missing.getMessage());
        EditException typo = assertThrows(EditException.class, () -> create(TestCibs.web(), "x", null, "ip=1", "ipp=2"));
        assertTrue(typo.getMessage().contains("has no parameter 'ipp' (did you mean 'ip'?)"), typo.getMessage());
        EditException notInt = assertThrows(EditException.class,
                () -> create(TestCibs.web(), "x", null, "ip=1", "cidr_netmask=wide"));
        assertTrue(notInt.getMessage().contains("cidr_netmask='wide' is not an integer"), notInt.getMessage());
        EditException select = assertThrows(EditException.class, () -> create(TestCibs.web(), "x", null, "ip=1", "mode=c"));
        assertTrue(select.getMessage().contains("is not one of a, b"), select.getMessage());
        assertThrows(EditException.class, () -> create(TestCibs.web(), "9x", null, "ip=1"));
        EditException op = assertThrows(EditException.class, () -> create(TestCibs.web(), "x", null, "ip=1", "op", "monitr"));
        assertTrue(op.getMessage().contains("unknown operation 'monitr' (did you mean 'monitor'?)"), op.getMessage());
        EditException interval = assertThrows(EditException.class,
                () -> create(TestCibs.web(), "x", null, "ip=1", "op", "monitor", "interval=soon"));
        assertTrue(interval.getMessage().contains("op monitor interval"), interval.getMessage());
        EditException meta = assertThrows(EditException.class,
                () -> create(TestCibs.web(), "x", null, "ip=1", "meta", "target-role=Running"));
        assertEquals("resource 'x' meta: target-role='Running' is not one of Stopped, Started, Unpromoted, Promoted, "
                + "Slave, Master", meta.getMessage());
        EditException pair = assertThrows(EditException.class, () -> ResourceArgs.parse(List.of("ip")));
        assertEquals("'ip' is not name=value (nor one of the keywords meta, op)", pair.getMessage());
    }

    @Test
    void updateSetsAndRemovesAndReplacesAnOpOfTheSameInterval() {
        Cib c = create(TestCibs.web(), "vip", null, "ip=10.0.0.1", "cidr_netmask=24", "op", "monitor", "interval=10s");
        c = Validation.applyChecked(c, ResourceEdits.update("vip", ResourceArgs.parse(List.of("ip=10.0.0.2", "cidr_netmask=",
                "op", "monitor", "interval=10", "timeout=30s")), IP, false));
        Primitive p = Resources.requirePrimitive(conf(c), "vip");
        assertEquals(Map.of("ip", "10.0.0.2"), NvSets.allValues(p.instanceAttributes()));
        assertEquals(1, p.operations().ops().size());
        assertEquals("30s", p.operations().ops().get(0).attribute("timeout"));
        Cib before = c;
        assertThrows(EditException.class, () -> ResourceEdits.update("vip", ResourceArgs.parse(List.of("ip=")), IP, false)
                .apply(before));
        EditException group = assertThrows(EditException.class, () -> ResourceEdits.update("web",
                ResourceArgs.parse(List.of("x=1")), null, false).apply(before));
        assertTrue(group.getMessage().contains("only primitives have parameters"), group.getMessage());
    }

    @Test
    void deleteTakesTheConstraintsAndEmptyGroupsWithIt() {
        Cib c = Validation.applyChecked(TestCibs.web(), ConstraintEdits.order(List.of("db", "then", "site")));
        c = Validation.applyChecked(c, ConstraintEdits.location("web", true, List.of("node1=5"), false));
        c = Validation.applyChecked(c, ResourceEdits.delete("site"));
        assertEquals(1, conf(c).constraints().size());
        c = Validation.applyChecked(c, ResourceEdits.delete("web"));
        assertEquals(List.of("db"), Resources.allIds(conf(c)));
        assertEquals(List.of(), conf(c).constraints());
        Cib gone = c;
        assertThrows(UnknownIdException.class, () -> ResourceEdits.delete("web").apply(gone));
    }

    @Test
    void enableAndDisableToggleTargetRole() {
        Cib c = Validation.applyChecked(TestCibs.web(), ResourceEdits.enable(List.of("web", "db"), false));
        assertEquals("Stopped", NvSets.allValues(Resources.require(conf(c), "web").metaAttributes()).get("target-role"));
        c = Validation.applyChecked(c, ResourceEdits.enable(List.of("web"), true));
        assertFalse(NvSets.allValues(Resources.require(conf(c), "web").metaAttributes()).containsKey("target-role"));
        assertTrue(Resources.require(conf(c), "web").metaAttributes().isEmpty(), "an emptied set is removed");
    }

    @Test
    void groupAddMovesPrimitivesAndGroupRemoveDissolves() {
        Cib c = Validation.applyChecked(TestCibs.web(), StructureEdits.groupAdd("web", List.of("db"), "site", null));
        assertEquals(List.of("ip", "db", "site"), ids(Resources.require(conf(c), "web").children()));
        c = Validation.applyChecked(c, StructureEdits.groupRemove("web", List.of("db")));
        assertEquals(List.of("web", "db"), ids(conf(c).resources()));
        c = Validation.applyChecked(c, StructureEdits.groupRemove("web", List.of()));
        assertEquals(List.of("db", "ip", "site"), ids(conf(c).resources()));
        Cib x = c;
        assertThrows(UnknownIdException.class, () -> StructureEdits.groupRemove("web", List.of()).apply(x));
        EditException anchor = assertThrows(UnknownIdException.class, () -> StructureEdits.groupAdd("g", List.of("db"), null,
                null).andThen(StructureEdits.groupAdd("g", List.of("ip"), "nope", null)).apply(x));
        assertTrue(anchor.getMessage().contains("group 'g' has no member 'nope'"), anchor.getMessage());
    }

    @Test
    void cloneAndPromotableWrapAResource() {
        Cib c = Validation.applyChecked(TestCibs.web(), StructureEdits.clone("db", null, Map.of("clone-max", "2"), false));
        Clone cl = (Clone) Resources.require(conf(c), "db-clone");
        assertEquals("db", cl.child().id());
        assertEquals("2", NvSets.allValues(cl.metaAttributes()).get("clone-max"));
        c = Validation.applyChecked(c, StructureEdits.clone("web", "web-p", Map.of(), true));
        assertEquals("promotable clone", Resources.kind(Resources.require(conf(c), "web-p")));
        Cib x = c;
        EditException inner = assertThrows(EditException.class, () -> StructureEdits.clone("ip", null, Map.of(), false).apply(x));
        assertTrue(inner.getMessage().contains("only a top-level primitive or group can be cloned"), inner.getMessage());
    }

    @Test
    void opsAreAddedRemovedAndDuplicatesRefused() {
        Cib c = Validation.applyChecked(TestCibs.web(), OperationEdits.opAdd("db",
                new ResourceArgs.OpArgs("monitor", Map.of("interval", "10s", "timeout", "20s"))));
        Cib x = c;
        EditException dup = assertThrows(EditException.class, () -> OperationEdits.opAdd("db",
                new ResourceArgs.OpArgs("monitor", Map.of("interval", "10000ms"))).apply(x));
        assertTrue(dup.getMessage().contains("already has op monitor interval=10s"), dup.getMessage());
        assertThrows(UnknownIdException.class, () -> OperationEdits.opRemove("db", "monitor", "20s").apply(x));
        c = Validation.applyChecked(c, OperationEdits.opRemove("db", "monitor", "10s"));
        assertEquals(List.of(), Resources.requirePrimitive(conf(c), "db").operations().ops());
    }

    @Test
    void utilizationMustBeIntegers() {
        Cib c = Validation.applyChecked(TestCibs.web(), OperationEdits.utilization("db", Map.of("cpu", "2")));
        assertEquals(Map.of("cpu", "2"), NvSets.allValues(Resources.requirePrimitive(conf(c), "db").utilization()));
        EditException e = assertThrows(EditException.class, () -> OperationEdits.utilization("db", Map.of("cpu", "two"))
                .apply(TestCibs.web()));
        assertEquals("resource 'db': utilization cpu='two' is not a non-negative integer", e.getMessage());
    }

    static List<String> ids(List<? extends Resource> rs) {
        return rs.stream().map(Resource::id).toList();
    }

    static Group group(Configuration c, String id) {
        return (Group) Resources.require(c, id);
    }
}
