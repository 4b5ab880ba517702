package dev.vigil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** vigil crm configure and vigil import haresources as commands: sessions, exit codes, nothing half-written. */
class CrmConfigureCommandTest {
    static ApiCommandsTest.Run crm(Path cib, String text) {
        InputStream old = System.in;
        try {
            System.setIn(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
            return ApiCommandsTest.run("crm", "configure", "-f", cib.toString());
        } finally {
            System.setIn(old);
        }
    }

    @Test
    void errorsLeaveTheCibAsItWas(@TempDir Path dir) throws Exception {
        Path cib = dir.resolve("cib.xml");
        assertEquals(0, crm(cib, "primitive a lsb:a\n").code());
        String before = Files.readString(cib);

        var syntax = crm(cib, "primitive b lsb:b\nlocation l b lots: node1\n");
        assertEquals(1, syntax.code());
        assertTrue(syntax.err().contains("line 2: 'lots' is not a score"), syntax.err());

        var unknown = crm(cib, "primitive b lsb:b\ngroup g b c\n");
        assertEquals(3, unknown.code());
        assertTrue(unknown.err().contains("line 2: resource 'c' does not exist"), unknown.err());

        var duplicate = crm(cib, "primitive a lsb:other\n");
        assertEquals(1, duplicate.code());
        assertTrue(duplicate.err().contains("resource id 'a' is already used"), duplicate.err());

        var loop = crm(cib, "primitive b lsb:b\ncolocation x inf: a b\ncolocation y inf: b a\n");
        assertEquals(1, loop.code());
        assertTrue(loop.err().contains("commit refused: colocation loop"), loop.err());

        assertEquals(before, Files.readString(cib));
    }

    @Test
    void commitWritesWhatCameBeforeAndVerifyReports(@TempDir Path dir) throws Exception {
        Path cib = dir.resolve("cib.xml");
        var r = crm(cib, "primitive a lsb:a\nverify\ncommit\nprimitive b lsb:b\ngroup g b zz\n");
        assertEquals(3, r.code());
        assertTrue(r.out().contains("line 2: verify: the configuration is valid"), r.out());
        assertTrue(r.out().contains("line 3: committed"), r.out());
        assertTrue(r.err().contains("line 5:") && r.err().contains("the changes since the last commit were not written"),
                r.err());
        String xml = Files.readString(cib);
        assertTrue(xml.contains("id=\"a\"") && !xml.contains("id=\"b\""), xml);
    }

    @Test
    void showPrintsTheWorkingConfiguration(@TempDir Path dir) {
        var r = crm(dir.resolve("cib.xml"), "primitive a ocf:heartbeat:IPaddr2 params ip=198.18.0.9\nshow\n");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("<nvpair id=\"a-instance_attributes-ip\" name=\"ip\" value=\"198.18.0.9\"/>"), r.out());
    }

    @Test
    void importDryRunChangesNothing(@TempDir Path dir) throws Exception {
        Path har = Files.writeString(dir.resolve("haresources"), "node1 198.18.0.30/24/eth0 httpd\n");
        Path cib = dir.resolve("cib.xml");
        var r = ApiCommandsTest.run("import", "haresources", har.toString(), "--dry-run", "-f", cib.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("group httpd-group ip-198.18.0.30 httpd"), r.out());
        assertFalse(Files.exists(cib));
        var missing = ApiCommandsTest.run("import", "haresources", dir.resolve("nope").toString(), "-f", cib.toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("cannot read"), missing.err());
    }
}
