package dev.vigil.cib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.vigil.model.cib.Cib;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every input of Pacemaker's regression corpus loads, and survives a write/read round trip. */
class CibXmlCorpusTest {
    static Path corpus() {
        return Path.of(System.getProperty("vigil.cts.dir", "../../shared/pacemaker-cts")).resolve("xml");
    }

    @Test
    void everyCorpusInputLoadsAndRoundTrips() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(corpus())) {
            files = s.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
        assertTrue(files.size() >= 599, "expected the 599 DEV inputs in " + corpus() + ", found " + files.size());
        List<String> failures = new ArrayList<>();
        for (Path file : files) {
            try {
                Cib cib = CibXml.read(file);
                String written = CibXml.write(cib);
                Cib again = CibXml.parse(written);
                if (!cib.equals(again)) {
                    failures.add(file.getFileName() + ": round trip changed the model");
                } else if (!written.equals(CibXml.write(again))) {
                    failures.add(file.getFileName() + ": second write differs");
                }
            } catch (RuntimeException e) {
                failures.add(file.getFileName() + ": " + e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " inputs failed:\n" + String.join("\n", failures.subList(0, Math.min(30, failures.size()))));
        }
        assertEquals(List.of(), failures);
    }
}
