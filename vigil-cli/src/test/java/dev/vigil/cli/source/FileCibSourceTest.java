package dev.vigil.cli.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.cib.CibXml;
import dev.vigil.cli.edit.Resources;
import dev.vigil.cli.edit.TestCibs;
import dev.vigil.model.cib.Cib;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Offline CIB files: a change is a new epoch, written whole; a file changed meanwhile is not overwritten. */
class FileCibSourceTest {
    @Test
    void writeMakesANewEpochAndLeavesNoTemporaryFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cib.xml");
        Files.writeString(file, CibXml.write(TestCibs.web()));
        FileCibSource source = new FileCibSource(file, false);
        Snapshot s = source.read();
        assertEquals("0.5.2", s.version());
        Cib edited = s.cib().withConfiguration(Resources.rewrite(s.cib().configuration(), "db", r -> null));
        assertEquals("0.6.0", source.write(s, edited));
        assertEquals(Resources.allIds(edited.configuration()), Resources.allIds(CibXml.read(file).configuration()));
        try (var files = Files.list(dir)) {
            assertEquals(java.util.List.of(".cib.xml.lock", "cib.xml"),
                    files.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary file is left");
        }
    }

    @Test
    void aFileChangedSinceItWasReadIsNotOverwritten(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cib.xml");
        Files.writeString(file, CibXml.write(TestCibs.web()));
        FileCibSource source = new FileCibSource(file, false);
        Snapshot first = source.read();
        Snapshot second = source.read();
        source.write(first, first.cib().withConfiguration(Resources.rewrite(first.cib().configuration(), "db", r -> null)));
        String afterFirst = Files.readString(file);
        ConflictException e = assertThrows(ConflictException.class, () -> source.write(second,
                second.cib().withConfiguration(Resources.rewrite(second.cib().configuration(), "ip", r -> null))));
        assertTrue(e.getMessage().contains("changed since it was read (now version 0.6.0, read at 0.5.2)"), e.getMessage());
        assertEquals(afterFirst, Files.readString(file));
    }

    @Test
    void aMissingFileIsEmptyForWritesAndAnErrorForReads(@TempDir Path dir) {
        Path file = dir.resolve("new.xml");
        assertEquals("0.0.0", new FileCibSource(file, true).read().version());
        SourceException e = assertThrows(SourceException.class, () -> new FileCibSource(file, false).read());
        assertEquals(file + ": no such file", e.getMessage());
    }

    @Test
    void aFileThatIsNotACibIsNamed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.xml");
        Files.writeString(file, "<cib><configuration>");
        SourceException e = assertThrows(SourceException.class, () -> new FileCibSource(file, true).read());
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    }
}
