package dev.vigil.cluster.key;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuthKeyTest {
    @Test
    void hkdfMatchesRfc5869TestCase1() {
        HexFormat hex = HexFormat.of();
        byte[] ikm = hex.parseHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");
        byte[] salt = hex.parseHex("000102030405060708090a0b0c");
        byte[] info = hex.parseHex("f0f1f2f3f4f5f6f7f8f9");
        byte[] prk = Hkdf.extract(salt, ikm);
        assertEquals("077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5", hex.formatHex(prk));
        assertEquals("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865",
                hex.formatHex(Hkdf.expand(prk, info, 42)));
    }

    @Test
    void generatesDistinctKeysOfTheDefaultSize() {
        AuthKey a = AuthKey.generate();
        AuthKey b = AuthKey.generate();
        assertEquals(AuthKey.DEFAULT_SIZE, a.size());
        assertFalse(a.sameKeyAs(b));
        assertNotEquals(a.fingerprint(), b.fingerprint());
        assertFalse(a.toString().contains("=") || a.toString().length() > 40, "toString shows the fingerprint only");
    }

    @Test
    void writesMode0400AtomicallyAndLoadsBack(@TempDir Path dir) throws Exception {
        AuthKey key = AuthKey.generate();
        Path file = dir.resolve("authkey");
        key.write(file);
        assertEquals("r--------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (var listing = Files.list(dir)) {
            assertEquals(List.of(file), listing.toList(), "no temporary file left");
        }
        AuthKey loaded = AuthKey.load(file);
        assertTrue(loaded.sameKeyAs(key));
        assertEquals(key.fingerprint(), loaded.fingerprint());
        assertEquals(List.of(), loaded.warnings());
        // writing again replaces the read-only file
        AuthKey other = AuthKey.generate();
        other.write(file);
        assertTrue(AuthKey.load(file).sameKeyAs(other));
    }

    @Test
    void warnsAboutAKeyOthersCanRead(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("authkey");
        AuthKey.generate().write(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        AuthKey loaded = AuthKey.load(file);
        assertEquals(1, loaded.warnings().size());
        assertTrue(loaded.warnings().get(0).contains("chmod 0400"), loaded.warnings().get(0));
    }

    @Test
    void refusesMissingShortAndLongFiles(@TempDir Path dir) throws Exception {
        KeyFileException missing = assertThrows(KeyFileException.class, () -> AuthKey.load(dir.resolve("nope")));
        assertTrue(missing.getMessage().contains("no such key file"), missing.getMessage());
        Path shortKey = Files.write(dir.resolve("short"), new byte[16]);
        assertTrue(assertThrows(KeyFileException.class, () -> AuthKey.load(shortKey)).getMessage()
                .contains("16 bytes is not a cluster key"));
        Path longKey = Files.write(dir.resolve("long"), new byte[AuthKey.MAX_SIZE + 1]);
        assertThrows(KeyFileException.class, () -> AuthKey.load(longKey));
        assertTrue(assertThrows(KeyFileException.class, () -> AuthKey.load(dir)).getMessage().contains("not a regular file"));
    }

    @Test
    void derivesIndependentSubKeysDeterministically() {
        byte[] material = new byte[64];
        material[0] = 1;
        AuthKey a = AuthKey.of(material);
        AuthKey b = AuthKey.of(material.clone());
        assertArrayEquals(a.derive("x", 32), b.derive("x", 32));
        assertFalse(java.util.Arrays.equals(a.derive("x", 32), a.derive("y", 32)));
        assertEquals(a.fingerprint(), b.fingerprint());
        assertEquals(23, a.fingerprint().length(), "8 bytes as hex with colons");
    }

    @Test
    void everyHolderDerivesTheSameIdentity() throws Exception {
        AuthKey key = AuthKey.generate();
        ClusterIdentity one = ClusterIdentity.derive(key, "web");
        ClusterIdentity two = ClusterIdentity.derive(AuthKey.of(keyBytes(key)), "web");
        assertArrayEquals(one.certificate().getEncoded(), two.certificate().getEncoded(), "byte-identical certificates");
        assertTrue(one.matches(two.certificate()));
        assertEquals("EdDSA", one.publicKey().getAlgorithm());
        one.certificate().verify(one.publicKey());
        assertEquals(one.certificateFingerprint(), two.certificateFingerprint());

        ClusterIdentity otherKey = ClusterIdentity.derive(AuthKey.generate(), "web");
        ClusterIdentity otherCluster = ClusterIdentity.derive(key, "db");
        assertFalse(one.matches(otherKey.certificate()));
        assertFalse(one.matches(otherCluster.certificate()), "the cluster name is part of the derivation");
    }

    private static byte[] keyBytes(AuthKey key) throws Exception {
        Path tmp = Files.createTempFile("vigil-key", ".bin");
        try {
            key.write(tmp);
            return Files.readAllBytes(tmp);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
