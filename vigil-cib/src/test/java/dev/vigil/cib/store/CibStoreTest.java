package dev.vigil.cib.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.cib.CibXml;
import dev.vigil.model.cib.Cib;
import dev.vigil.model.cib.CibVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CibStoreTest {
    static StoredCib copy(long epoch, long updates) {
        Cib cib = CibXml.parse("<cib admin_epoch=\"0\" epoch=\"" + epoch + "\" num_updates=\"" + updates
                + "\" validate-with=\"pacemaker-3.0\"><configuration><crm_config/><nodes/><resources/><constraints/>"
                + "</configuration><status/></cib>");
        return StoredCib.of(cib);
    }

    @Test
    void writesAndLoadsWithDigest(@TempDir Path dir) throws IOException {
        try (CibStore store = CibStore.open(dir, 3)) {
            assertTrue(store.load().copy().isEmpty(), "a new directory has no copy");
            assertEquals(List.of(), store.load().problems());
            StoredCib c = copy(5, 2);
            store.write(c);
            LoadedCib loaded = store.load();
            assertEquals(c, loaded.copy().orElseThrow());
            assertEquals(List.of(), loaded.problems());
            String text = Files.readString(store.file());
            assertTrue(text.endsWith("<!-- vigil-digest sha256:" + c.digest() + " -->\n"), text);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())));
            assertEquals(c, CibStore.readFile(store.file()));
        }
    }

    @Test
    void keepsTheNewestBackups(@TempDir Path dir) {
        try (CibStore store = CibStore.open(dir, 3)) {
            for (int i = 1; i <= 6; i++) {
                store.write(copy(i, 0));
            }
            List<Path> backups = store.backups();
            assertEquals(List.of("cib-3.xml", "cib-4.xml", "cib-5.xml"),
                    backups.stream().map(p -> p.getFileName().toString()).toList());
            assertEquals(new CibVersion(0, 5, 0), CibStore.readFile(backups.get(2)).version());
            assertEquals(new CibVersion(0, 6, 0), store.load().copy().orElseThrow().version());
        }
        try (CibStore again = CibStore.open(dir, 3)) {
            again.write(copy(7, 0));
            assertEquals("cib-6.xml", again.backups().get(2).getFileName().toString(), "numbering goes on after a restart");
        }
    }

    @Test
    void aDamagedFileIsReportedMovedAsideAndTheNewestGoodBackupUsed(@TempDir Path dir) throws IOException {
        try (CibStore store = CibStore.open(dir, 5)) {
            store.write(copy(1, 0));
            store.write(copy(2, 0));
            store.write(copy(3, 0));
            String text = Files.readString(store.file());
            Files.writeString(store.file(), text.replace("epoch=\"3\"", "epoch=\"9\""));
            LoadedCib loaded = store.load();
            assertEquals(new CibVersion(0, 2, 0), loaded.copy().orElseThrow().version());
            assertTrue(loaded.problems().get(0).contains("cib.xml: digest mismatch"), loaded.problems().toString());
            assertTrue(loaded.problems().get(0).contains("kept as cib.xml.corrupt-"), loaded.problems().toString());
            assertTrue(loaded.problems().get(1).contains("using the backup"), loaded.problems().toString());
            assertFalse(Files.exists(store.file()), "the bad file must not become a backup");
            store.write(copy(4, 0));
            assertEquals(new CibVersion(0, 4, 0), store.load().copy().orElseThrow().version());
            try (Stream<Path> files = Files.list(dir)) {
                assertEquals(1, files.filter(p -> p.getFileName().toString().startsWith("cib.xml.corrupt-")).count());
            }
        }
    }

    @Test
    void truncatedAndGarbageFilesAreSkipped(@TempDir Path dir) throws IOException {
        try (CibStore store = CibStore.open(dir, 5)) {
            store.write(copy(1, 0));
            store.write(copy(2, 0));
            List<Path> backups = store.backups();
            Files.write(store.file(), new byte[] {(byte) 0xff, (byte) 0xfe, 0});
            LoadedCib loaded = store.load();
            assertEquals(new CibVersion(0, 1, 0), loaded.copy().orElseThrow().version());
            assertTrue(loaded.problems().get(0).contains("not UTF-8"), loaded.problems().toString());
            // The backup itself cut in half: nothing good is left.
            Path only = backups.get(0);
            String half = Files.readString(only);
            Files.writeString(only, half.substring(0, half.length() / 2));
            LoadedCib none = store.load();
            assertTrue(none.copy().isEmpty());
            assertTrue(none.problems().stream().anyMatch(p -> p.contains("no good copy")), none.problems().toString());
        }
    }

    @Test
    void aFileWithoutDigestIsAcceptedWithANote(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("cib.xml"), "<cib epoch=\"4\" num_updates=\"1\" admin_epoch=\"0\"><configuration>"
                + "<crm_config/><nodes/><resources/><constraints/></configuration><status/></cib>", StandardCharsets.UTF_8);
        try (CibStore store = CibStore.open(dir, 5)) {
            LoadedCib loaded = store.load();
            assertEquals(new CibVersion(0, 4, 1), loaded.copy().orElseThrow().version());
            assertTrue(loaded.problems().get(0).contains("no digest line"), loaded.problems().toString());
        }
    }

    @Test
    void aLeftoverTemporaryFileIsRemoved(@TempDir Path dir) throws IOException {
        try (CibStore store = CibStore.open(dir, 5)) {
            store.write(copy(1, 0));
            Files.writeString(dir.resolve(".cib.xml.tmp"), "<cib");
            LoadedCib loaded = store.load();
            assertEquals(new CibVersion(0, 1, 0), loaded.copy().orElseThrow().version());
            assertTrue(loaded.problems().get(0).contains("did not finish"));
            assertFalse(Files.exists(dir.resolve(".cib.xml.tmp")));
        }
    }

    @Test
    void aSecondStoreOnTheSameDirectoryIsRefused(@TempDir Path dir) {
        try (CibStore store = CibStore.open(dir, 5)) {
            CibStoreException e = assertThrows(CibStoreException.class, () -> CibStore.open(dir, 5));
            assertTrue(e.getMessage().contains("in use by another vigil daemon (pid " + ProcessHandle.current().pid() + ")"),
                    e.getMessage());
        }
        CibStore.open(dir, 5).close();
    }

    @Test
    void anUnwritableDirectoryIsNamed(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("plain-file");
        Files.writeString(file, "x");
        CibStoreException e = assertThrows(CibStoreException.class, () -> CibStore.open(file.resolve("state"), 5));
        assertTrue(e.getMessage().contains("cannot create the state directory"), e.getMessage());
    }
}
