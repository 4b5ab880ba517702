package dev.vigil.cib;

import dev.vigil.model.cib.Cib;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads and writes Pacemaker CIB XML. */
public final class CibXml {
    private CibXml() {
    }

    /**
     * Parses a CIB document.
     *
     * @throws CibFormatException naming the element, its id and what is wrong
     */
    public static Cib parse(String xml) {
        return parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    public static Cib parse(InputStream in) {
        return new CibReader().read(in);
    }

    /** Reads a CIB file; I/O problems become a {@link CibFormatException} naming the file. */
    public static Cib read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in);
        } catch (IOException e) {
            throw new CibFormatException(file + ": cannot read: " + e.getMessage(), e);
        } catch (CibFormatException e) {
            throw new CibFormatException(file + ": " + e.getMessage(), e);
        }
    }

    /** The document as Pacemaker-style XML (two-space indentation, no XML declaration). */
    public static String write(Cib cib) {
        return new CibWriter().write(cib);
    }

    /**
     * The document with every element's attributes in name order. Models compare attributes
     * without regard to order, and so does this text: equal models give equal text, whatever
     * order their attributes were built or parsed in (for hashes).
     */
    public static String writeCanonical(Cib cib) {
        return new CibWriter(true).write(cib);
    }
}
