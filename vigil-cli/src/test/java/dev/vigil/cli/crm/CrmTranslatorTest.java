package dev.vigil.cli.crm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.cli.edit.EditException;
import dev.vigil.cli.edit.UnknownIdException;
import dev.vigil.model.cib.AttributeExpression;
import dev.vigil.model.cib.Cib;
import dev.vigil.model.cib.Clone;
import dev.vigil.model.cib.ColocationConstraint;
import dev.vigil.model.cib.Configuration;
import dev.vigil.model.cib.Group;
import dev.vigil.model.cib.LocationConstraint;
import dev.vigil.model.cib.OrderConstraint;
import dev.vigil.model.cib.Primitive;
import dev.vigil.model.cib.Status;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The crm statements: what each becomes, and the errors (with line numbers) for wrong input. */
class CrmTranslatorTest {
    static Configuration apply(String text) {
        Cib cib = new Cib(Map.of(), Configuration.EMPTY, Status.EMPTY);
        for (CrmCommand c : CrmTranslator.translate(text)) {
            if (c instanceof CrmCommand.Edit e) {
                cib = e.edit().apply(cib);
            }
        }
        return cib.configuration();
    }

    @Test
    void primitiveWithParamsMetaAndOpsOverContinuationLines() {
        Configuration c = apply("""
                # a comment
                primitive web-ip ocf:heartbeat:IPaddr2 \\
                    params ip=198.18.0.10 cidr_netmask=24 descr="the web address" \\
                    meta target-role=Started \\
                    op monitor interval=10s timeout=20s op start timeout=30s
                """);
        Primitive p = (Primitive) c.resources().get(0);
        assertEquals("ocf:heartbeat:IPaddr2", p.agent());
        assertEquals("198.18.0.10", p.instanceAttributes().get(0).get("ip"));
        assertEquals("the web address", p.instanceAttributes().get(0).get("descr"));
        assertEquals("web-ip-instance_attributes", p.instanceAttributes().get(0).id());
        assertEquals("Started", p.metaAttributes().get(0).get("target-role"));
        assertEquals("web-ip-monitor-interval-10s", p.operations().ops().get(0).id());
        assertEquals("20s", p.operations().ops().get(0).attribute("timeout"));
        assertEquals("0s", p.operations().ops().get(1).interval());
    }

    @Test
    void groupCloneAndMsWrapExistingResources() {
        Configuration c = apply("""
                primitive a lsb:a
                primitive b lsb:b
                primitive d ocf:pacemaker:Stateful
                primitive p ocf:pacemaker:Dummy
                group g a b meta target-role=Stopped
                ms d-ms d meta notify=true
                clone p-clone p
                """);
        assertEquals(List.of("g", "d-ms", "p-clone"), c.resources().stream().map(r -> r.id()).toList());
        assertEquals(List.of("a", "b"), ((Group) c.resources().get(0)).members().stream().map(Primitive::id).toList());
        Clone ms = (Clone) c.resources().get(1);
        assertEquals("true", ms.metaAttributes().get(0).get("promotable"));
        assertEquals("true", ms.metaAttributes().get(0).get("notify"));
        assertEquals("p", ((Clone) c.resources().get(2)).child().id());
    }

    @Test
    void constraintsInCrmSyntax() {
        Configuration c = apply("""
                primitive a lsb:a
                primitive b lsb:b
                location a-on-n1 a 100: node1
                location a-rule a rule -inf: not_defined pingd or pingd lte 0
                location a-uname a rule 50: #uname eq node2
                colocation b-with-a inf: b a
                order a-then-b Mandatory: a b
                order a-then-b-opt 0: a:start b:start symmetrical=false
                """);
        LocationConstraint plain = (LocationConstraint) c.constraints().get(0);
        assertEquals("node1", plain.node());
        assertEquals("100", plain.score());
        LocationConstraint rule = (LocationConstraint) c.constraints().get(1);
        assertEquals("or", rule.rules().get(0).booleanOp());
        assertEquals(-1_000_000, rule.rules().get(0).score());
        assertEquals("not_defined", ((AttributeExpression) rule.rules().get(0).expressions().get(0)).operation());
        assertEquals("lte", ((AttributeExpression) rule.rules().get(0).expressions().get(1)).operation());
        AttributeExpression uname = (AttributeExpression) ((LocationConstraint) c.constraints().get(2)).rules().get(0)
                .expressions().get(0);
        assertEquals(List.of("#uname", "eq", "node2"), List.of(uname.attribute(), uname.operation(), uname.value()));
        ColocationConstraint col = (ColocationConstraint) c.constraints().get(3);
        assertEquals(List.of("b", "a", "INFINITY"), List.of(col.rsc(), col.withRsc(), col.score()));
        assertEquals("Mandatory", ((OrderConstraint) c.constraints().get(4)).kind());
        OrderConstraint opt = (OrderConstraint) c.constraints().get(5);
        assertEquals(List.of("0", "start", "false"), List.of(opt.score(), opt.firstAction(), opt.symmetrical()));
    }

    @Test
    void propertiesAndDefaults() {
        Configuration c = apply("""
                property stonith-enabled=false no-quorum-policy=ignore
                property no-quorum-policy=stop
                rsc_defaults resource-stickiness=100
                op_defaults timeout=60s
                """);
        assertEquals("cib-bootstrap-options", c.clusterProperties().get(0).id());
        assertEquals("stop", c.clusterProperties().get(0).get("no-quorum-policy"));
        assertEquals("false", c.clusterProperties().get(0).get("stonith-enabled"));
        assertEquals("100", c.rscDefaults().get(0).get("resource-stickiness"));
        assertEquals("60s", c.opDefaults().get(0).get("timeout"));
    }

    @Test
    void wrongInputNamesTheLine() {
        assertMessage("line 2: unknown statement 'primtive'", "primitive a lsb:a\nprimtive b lsb:b\n");
        assertMessage("line 1: agent 'ocf:Dummy' needs a provider", "primitive a ocf:Dummy\n");
        assertMessage("line 3: 'abc' is not a score", "primitive a lsb:a\n\nlocation l a abc: node1\n");
        assertMessage("line 1: a quote (\") is not closed", "primitive a lsb:a params x=\"open\n");
        assertMessage("line 1: the statement ends with '\\'", "primitive a lsb:a \\\n");
        assertMessage("line 1: op monitor: interval 'often'", "primitive a lsb:a op monitor interval=often\n");
        assertMessage("line 1: colocation c: give exactly two resources", "colocation c inf: a b c\n");
        assertMessage("line 1: rule l-rule: mixing 'and' and 'or'", "location l a rule 1: x eq 1 and y eq 2 or z eq 3\n");
        assertMessage("line 1: primitive id '1x' is not valid", "primitive 1x lsb:a\n");
    }

    @Test
    void wrongReferencesAreRefusedWhenApplied() {
        EditException unknown = assertThrows(EditException.class, () -> apply("primitive a lsb:a\ngroup g a b\n"));
        assertInstanceOf(UnknownIdException.class, unknown);
        assertTrue(unknown.getMessage().contains("resource 'b' does not exist"), unknown.getMessage());
        EditException duplicate = assertThrows(EditException.class, () -> apply("primitive a lsb:a\nprimitive a lsb:b\n"));
        assertTrue(duplicate.getMessage().contains("'a' is already used"), duplicate.getMessage());
    }

    private static void assertMessage(String expected, String text) {
        EditException e = assertThrows(EditException.class, () -> apply(text));
        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
    }
}
