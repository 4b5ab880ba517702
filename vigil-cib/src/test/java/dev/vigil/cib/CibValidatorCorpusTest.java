package dev.vigil.cib;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Pacemaker's own regression inputs are valid CIBs: the validator must find nothing in them. */
class CibValidatorCorpusTest {
    @Test
    void corpusInputsHaveNoProblems() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(CibXmlCorpusTest.corpus())) {
            files = s.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
        List<String> found = new ArrayList<>();
        for (Path file : files) {
            for (CibProblem p : CibValidator.problems(CibXml.read(file))) {
                found.add(file.getFileName() + ": " + p.message());
            }
        }
        assertEquals("", String.join("\n", found));
    }
}
