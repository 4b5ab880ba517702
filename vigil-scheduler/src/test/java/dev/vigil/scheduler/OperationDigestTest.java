package dev.vigil.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Digests recorded by Pacemaker (in its regression corpus and by its crm_simulate) must be reproduced exactly. */
class OperationDigestTest {
    @Test
    void noParametersGiveTheDigestOfAnEmptyElement() {
        assertEquals("f2317cad3d54cec5d7d7aa7d0bf35cf8", OperationDigest.of(Map.of(), 0, 20_000));
    }

    @Test
    void recurringOperationsDigestTheirTimeout() {
        assertEquals("4811cef7f7f94e3a35a70be7916cb2fd", OperationDigest.of(Map.of(), 10_000, 20_000));
        Map<String, String> params = Map.of("fake", "bar", "abc", "x y");
        assertEquals("b6215b1bd6b43edc64960345b9abcdbe", OperationDigest.of(params, 0, 44_000));
        assertEquals("afbf0e9757fbe9e4b8496df651f2185f", OperationDigest.of(params, 10_000, 33_000));
    }

    @Test
    void aGraphActionsDigestUsesTheTimeoutItCarries() {
        Map<String, String> graphParams = Map.of("fake", "bar", "abc", "x y", "CRM_meta_timeout", "33000",
                "CRM_meta_interval", "10000", "crm_feature_set", "3.16.2");
        assertEquals("afbf0e9757fbe9e4b8496df651f2185f", OperationDigest.ofGraphAction(graphParams, 10_000));
        assertEquals(OperationDigest.of(Map.of(), 10_000, 20_000), OperationDigest.ofGraphAction(Map.of(), 10_000));
        assertEquals(OperationDigest.of(Map.of("fake", "bar", "abc", "x y"), 0, 20_000),
                OperationDigest.ofGraphAction(graphParams, 0));
    }

    @Test
    void aGraphActionsTimeoutMustBeANumber() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OperationDigest.ofGraphAction(Map.of("CRM_meta_timeout", "20s"), 10_000));
        assertTrue(e.getMessage().contains("CRM_meta_timeout"), e.getMessage());
    }

    @Test
    void metaAttributesAndTheFeatureSetDoNotCount() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("CRM_meta_on_fail", "restart");
        params.put("crm_feature_set", "3.16.1");
        assertEquals("f2317cad3d54cec5d7d7aa7d0bf35cf8", OperationDigest.of(params, 0, 20_000));
    }

    @Test
    void parametersAreSortedByName() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("pcmk_host_check", "static-list");
        params.put("pcmk_host_list", "fc16-builder,fc16-builder2,fc16-builder3");
        params.put("action", "reboot");
        params.put("debug", "1");
        assertEquals("7e3dbcf6815893c8d95c1b9fa1fd82ae", OperationDigest.of(params, 0, 20_000));
    }

    @Test
    void valuesAreXmlEscaped() {
        Map<String, String> params = Map.of("set_policy", "HA ^(?!amq\\.).* {\"ha-mode\":\"all\"}");
        assertEquals("2ebdda5ddce91e8c3b822256678ca77e", OperationDigest.of(params, 0, 100_000));
        assertEquals("c4d156bf07592cb5b4494bd45588554c", OperationDigest.of(params, 10_000, 40_000));
        assertEquals(" <parameters a=\"&amp;&lt;&gt;&apos;\\n\"/>\n", OperationDigest.render(Map.of("a", "&<>'\n")));
    }

    @Test
    void restartDigestKeepsOnlyTheParametersThatForceARestart() {
        Map<String, String> params = Map.of("target", "iqn.2010-01.com.vds-ok:storage.vds-ok.s01.0",
                "portals", "10.5.4.235 10.5.4.236", "username", "****");
        assertEquals("ac6e5f8d59f288376f442d90a92c3040", OperationDigest.restart(params, Map.of(), List.of("target")));
    }

    @Test
    void restartDigestAlwaysKeepsTheOperationsOwnParameters() {
        Map<String, String> params = Map.of("passwd", "whatever", "fake", "foo");
        assertEquals("5de129d7fe42dbcfe537f2c63b1921b6", OperationDigest.restart(params, Map.of(), List.of("passwd")));
        assertEquals("b04552f1fdbe6ec2646edc1a2cdf4218",
                OperationDigest.restart(params, Map.of("trace_ra", "1"), List.of("passwd")));
    }

    @Test
    void aRestartDigestWithoutAListCoversEveryParameter() {
        Map<String, String> params = Map.of("a", "1", "b", "2");
        assertEquals(OperationDigest.of(params, 0, 20_000), OperationDigest.restart(params, Map.of(), null));
    }

    @Test
    void secureDigestLeavesOutPrivateParameters() {
        Map<String, String> params = Map.of("fake", "bar", "abc", "x y", "passwd", "secret");
        assertEquals(OperationDigest.of(Map.of("fake", "bar", "abc", "x y"), 0, 20_000),
                OperationDigest.secure(params, List.of("passwd")));
    }

    @Test
    void olderFenceDeviceRecordsLeaveTheFencerOptionsOutOfTheSecureDigest() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("delay", "4");
        params.put("ipaddr", "192.168.103.3");
        params.put("lanplus", "1");
        params.put("login", "root");
        params.put("method", "onoff");
        params.put("passwd", "****");
        params.put("pcmk_host_check", "static-list");
        params.put("pcmk_host_list", "407888-db1");
        params.put("power_wait", "4");
        assertEquals("d7ead554cd349871ab13dad142fdd3f9",
                OperationDigest.secureWithoutFencerOptions(params, List.of("passwd", "password")));
    }
}
