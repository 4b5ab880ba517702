package dev.vigil.cib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.model.Score;
import dev.vigil.model.cib.Cib;
import dev.vigil.model.cib.LocationConstraint;
import dev.vigil.model.cib.Primitive;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Bad documents are refused with a message naming the element, its id and the problem. */
class CibXmlErrorsTest {
    private static String cib(String resources, String constraints) {
        return "<cib admin_epoch=\"0\" epoch=\"1\" num_updates=\"0\" validate-with=\"pacemaker-3.0\">"
                + "<configuration><crm_config/><nodes><node id=\"1\" uname=\"node1\"/></nodes>"
                + "<resources>" + resources + "</resources><constraints>" + constraints + "</constraints>"
                + "</configuration><status/></cib>";
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "<primitive id='web' class='ocf' provider='heartbeat'/>||<primitive id=\"web\">: missing attribute 'type'",
        "<primitive id='web' class='ocf' type='apache'/>||<primitive id=\"web\">: an ocf resource needs a 'provider'",
        "<primitive class='ocf' provider='heartbeat' type='apache'/>||<primitive> (inside <resources>): missing attribute 'id'",
        "<group id='g'/>||<group id=\"g\">: a group needs at least one primitive",
        "<primitive id='a' class='lsb' type='x'><operations><op id='a-m' name='monitor' interval='ten'/></operations></primitive>||<op id=\"a-m\">: interval 'ten' is not a duration",
        "|<rsc_location id='l1' rsc='a' node='node1' score='lots'/>|<rsc_location id=\"l1\">: score 'lots' is not a score",
        "|<rsc_order id='o1' first='a' then='b' kind='Always'/>|<rsc_order id=\"o1\">: kind 'Always' is not Mandatory, Optional or Serialize",
        "|<rsc_colocation id='c1' rsc='a' score='INFINITY'/>|<rsc_colocation id=\"c1\">: needs 'rsc' and 'with-rsc'",
        "<clone id='c'><meta_attributes id='m'/></clone>||<clone id=\"c\">: a clone needs a primitive or group inside",
        "<resource id='x'/>||<resources> (inside <configuration>): unexpected element <resource>",
    })
    void badInputIsNamed(String resources, String constraints, String expected) {
        String xml = cib(resources == null ? "" : resources.replace('\'', '"'),
                constraints == null ? "" : constraints.replace('\'', '"'));
        CibFormatException e = assertThrows(CibFormatException.class, () -> CibXml.parse(xml));
        assertTrue(e.getMessage().startsWith(expected), () -> "message was: " + e.getMessage());
    }

    @Test
    void malformedXmlNamesTheLine() {
        CibFormatException e = assertThrows(CibFormatException.class, () -> CibXml.parse("<cib>\n<configuration>\n</cib>"));
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
    }

    @Test
    void wrongRootIsNamed() {
        CibFormatException e = assertThrows(CibFormatException.class, () -> CibXml.parse("<configuration/>"));
        assertEquals("the root element is <configuration>, expected <cib>", e.getMessage());
    }

    @Test
    void doctypeIsRefused() {
        String xml = "<!DOCTYPE cib [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><cib>&x;</cib>";
        assertThrows(CibFormatException.class, () -> CibXml.parse(xml));
    }

    @Test
    void infinitySpellingsParse() {
        Cib cib = CibXml.parse(cib("<primitive id='a' class='lsb' type='x'/>".replace('\'', '"'),
                "<rsc_location id=\"l1\" rsc=\"a\" node=\"node1\" score=\"+INFINITY\"/>"));
        LocationConstraint l = (LocationConstraint) cib.configuration().constraints().get(0);
        assertEquals(Score.INFINITY, Score.parse(l.score()));
        assertEquals("x", ((Primitive) cib.configuration().resources().get(0)).type());
    }

    @Test
    void validateWithNoneSkipsValueChecks() {
        String xml = cib("", "<rsc_order id=\"o1\" first=\"a\" then=\"b\" kind=\"foo\"/>")
                .replace("pacemaker-3.0", "none");
        assertEquals("foo", ((dev.vigil.model.cib.OrderConstraint) CibXml.parse(xml).configuration()
                .constraints().get(0)).kind());
    }
}
