package dev.vigil.cib;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.model.cib.Cib;
import dev.vigil.model.cib.NvPair;
import dev.vigil.model.cib.NvSet;
import dev.vigil.model.cib.Primitive;
import dev.vigil.model.cib.Resource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each kind of problem, named by element and reason. */
class CibValidatorTest {
    static String cib(String resources, String constraints, String extra) {
        return ("<cib admin_epoch='0' epoch='1' num_updates='0' validate-with='pacemaker-3.0'><configuration>"
                + "<crm_config/><nodes><node id='1' uname='node1'/><node id='2' uname='node2'/></nodes>"
                + "<resources>" + resources + "</resources><constraints>" + constraints + "</constraints>" + extra
                + "</configuration><status/></cib>").replace('\'', '"');
    }

    static final String A = "<primitive id='a' class='ocf' provider='heartbeat' type='Dummy'/>";
    static final String B = "<primitive id='b' class='ocf' provider='heartbeat' type='Dummy'/>";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "<group id='a'><primitive id='x' class='lsb' type='x'/></group>|" + "|<group id=\"a\">: id 'a' is already used by <primitive id=\"a\">",
        "|<rsc_order id='o1' first='a' then='db'/>|<rsc_order id=\"o1\">: then 'db' does not exist (expected a resource, group, clone, bundle, template or tag)",
        "|<rsc_colocation id='c1' rsc='zz' with-rsc='a' score='INFINITY'/>|<rsc_colocation id=\"c1\">: rsc 'zz' does not exist (expected a resource, group, clone, bundle, template or tag)",
        "|<rsc_location id='l1' rsc='a-ia' node='node1' score='10'/>|<rsc_location id=\"l1\">: rsc 'a-ia' is an <instance_attributes>, not a resource, group, clone, bundle, template or tag",
        "|<rsc_order id='o2'><resource_set id='s1'><resource_ref id='a'/><resource_ref id='nope'/></resource_set></rsc_order>|<resource_set id=\"s1\">: resource_ref 'nope' does not exist (expected a resource, group, clone, bundle, template or tag)",
        "<primitive id='t1' template='tmpl'/>||<primitive id=\"t1\">: template 'tmpl' does not exist (expected a template)",
        "|<rsc_location id='l1' rsc='a' node='node1' score='10'/><rsc_location id='l1' rsc='a' node='node2' score='5'/>|<rsc_location id=\"l1\">: id 'l1' is already used by <rsc_location id=\"l1\">",
    })
    void problemsAreNamed(String resources, String constraints, String expected) {
        String res = A + B.replace("/>", "><instance_attributes id='a-ia'/></primitive>") + (resources == null ? "" : resources);
        Cib cib = CibXml.parse(cib(res.replace('\'', '"'), constraints == null ? "" : constraints, ""));
        List<CibProblem> problems = CibValidator.problems(cib);
        assertEquals(List.of(expected), problems.stream().map(CibProblem::message).toList());
    }

    @Test
    void fencingLevelsNeedFenceDevices() {
        Cib cib = CibXml.parse(cib(A + "<primitive id='fence1' class='stonith' type='fence_vigil'/>", "",
                "<fencing-topology><fencing-level id='fl1' target='node1' index='1' devices='fence1,a'/></fencing-topology>"));
        assertEquals(List.of("<fencing-level id=\"fl1\">: device 'a' is not a fence device (a primitive of class stonith)"),
                CibValidator.problems(cib).stream().map(CibProblem::message).toList());
    }

    @Test
    void tagsAndIdRefsResolve() {
        Cib cib = CibXml.parse(cib(A.replace("/>", "><meta_attributes id-ref='missing-set'/></primitive>"), "",
                "<tags><tag id='t'><obj_ref id='a'/><obj_ref id='ghost'/></tag></tags>"));
        assertEquals(List.of(
                "<meta_attributes>: id-ref 'missing-set' does not exist (expected an attribute set)",
                "<tag id=\"t\">: obj_ref 'ghost' does not name anything in the configuration"),
                CibValidator.problems(cib).stream().map(CibProblem::message).toList());
    }

    @Test
    void valuesTheCodecChecksAreReportedForModelsBuiltInCode() {
        Cib base = CibXml.parse(cib(A, "", ""));
        Primitive a = (Primitive) base.configuration().resources().get(0);
        Primitive noType = new Primitive("c", null, "ocf", "heartbeat", null, null, List.of(), List.of(), List.of(), null);
        List<Resource> resources = new ArrayList<>(List.of(a, noType));
        Cib changed = base.withConfiguration(base.configuration().withResources(resources));
        assertEquals(List.of("<primitive id=\"c\">: missing attribute 'type' (and no template)"),
                CibValidator.problems(changed).stream().map(CibProblem::message).toList());
    }

    @Test
    void duplicateNodesAndStatusEntries() {
        Cib cib = CibXml.parse(cib(A, "", "").replace("<node id=\"2\" uname=\"node2\"/>", "<node id=\"2\" uname=\"node1\"/>")
                .replace("<status/>", "<status><node_state id=\"1\" uname=\"node1\"/><node_state id=\"1\" uname=\"nodeX\"/></status>"));
        assertEquals(List.of("<node id=\"2\">: a second node named 'node1'",
                        "<node_state id=\"1\">: a second entry for node id '1' in the status section"),
                CibValidator.problems(cib).stream().map(CibProblem::message).toList());
    }

    @Test
    void newProblemsIgnoresOldOnes() {
        Cib old = CibXml.parse(cib(A, "<rsc_order id='o1' first='a' then='gone'/>".replace('\'', '"'), ""));
        NvSet set = NvSet.of("props", List.of(NvPair.of("p1", "stonith-enabled", "false")));
        Cib next = old.withConfiguration(old.configuration().withClusterProperties(List.of(set)));
        assertEquals(1, CibValidator.problems(next).size());
        assertEquals(List.of(), CibValidator.newProblems(old, next));
        Cib worse = next.withConfiguration(next.configuration().withClusterProperties(List.of(set,
                NvSet.of("props", List.of()))));
        assertEquals(List.of("<cluster_property_set id=\"props\">: id 'props' is already used by <cluster_property_set id=\"props\">"),
                CibValidator.newProblems(old, worse).stream().map(CibProblem::message).toList());
    }
}
