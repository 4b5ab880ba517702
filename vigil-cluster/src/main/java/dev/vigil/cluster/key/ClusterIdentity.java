package dev.vigil.cluster.key;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The TLS identity every node of a cluster shares, derived from the cluster key: an Ed25519 key
 * pair whose 32-byte seed is {@code HKDF(authkey, "vigil tls ed25519 v1 <cluster>")}, and a
 * self-signed certificate for it. Ed25519 key generation and signatures are deterministic
 * (RFC 8032), so every holder of the key derives byte-identical certificates, and nothing but
 * the authkey has to be copied between nodes.
 *
 * <p>Peers are authenticated by pinning: a peer is accepted when its certificate carries this
 * public key, which only a holder of the cluster key can prove to own during the TLS handshake.
 * Including the cluster name in the derivation keeps two clusters that share a key file apart.
 */
public final class ClusterIdentity {
    private static final String ED25519_OID = "1.3.101.112";
    private static final String COMMON_NAME_OID = "2.5.4.3";

    private final String clusterName;
    private final KeyPair keyPair;
    private final X509Certificate certificate;
    private final byte[] publicKeyEncoded;

    private ClusterIdentity(String clusterName, KeyPair keyPair, X509Certificate certificate) {
        this.clusterName = clusterName;
        this.keyPair = keyPair;
        this.certificate = certificate;
        this.publicKeyEncoded = keyPair.getPublic().getEncoded();
    }

    /** Derives the identity of cluster {@code clusterName} from its key. */
    public static ClusterIdentity derive(AuthKey key, String clusterName) {
        byte[] seed = key.derive("vigil tls ed25519 v1 " + clusterName, 32);
        try {
            KeyPair pair = ed25519FromSeed(seed);
            X509Certificate cert = selfSigned(pair, "vigil cluster " + clusterName);
            return new ClusterIdentity(clusterName, pair, cert);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot derive the cluster's TLS identity (this JDK lacks Ed25519?)", e);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    /**
     * The JDK's Ed25519 generator draws exactly the 32-byte private key (the RFC 8032 seed) from
     * its SecureRandom and computes the public key from it; we hand it our seed and check that
     * it used it unchanged, so a JDK that generated keys differently fails loudly.
     */
    private static KeyPair ed25519FromSeed(byte[] seed) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
        generator.initialize(NamedParameterSpec.ED25519, new SeedRandom(seed));
        KeyPair pair = generator.generateKeyPair();
        byte[] used = ((EdECPrivateKey) pair.getPrivate()).getBytes()
                .orElseThrow(() -> new GeneralSecurityException("Ed25519 private key has no seed bytes"));
        if (!MessageDigest.isEqual(used, seed)) {
            throw new GeneralSecurityException("the JDK's Ed25519 generator did not use the derived seed");
        }
        return pair;
    }

    private static X509Certificate selfSigned(KeyPair pair, String commonName) throws GeneralSecurityException {
        byte[] algorithm = Der.sequence(Der.oid(ED25519_OID));
        byte[] name = Der.sequence(Der.set(Der.sequence(Der.oid(COMMON_NAME_OID), Der.utf8(commonName))));
        byte[] validity = Der.sequence(
                Der.time(Der.UTC_TIME, "000101000000Z"),                 // 2000-01-01
                Der.time(Der.GENERALIZED_TIME, "99991231235959Z"));      // RFC 5280: no expiry
        byte[] tbs = Der.sequence(
                Der.explicit(0, Der.integer(2)),                          // v3
                Der.integer(1),                                           // serial
                algorithm, name, validity, name,
                pair.getPublic().getEncoded());                           // SubjectPublicKeyInfo
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(pair.getPrivate());
        signer.update(tbs);
        byte[] cert = Der.sequence(tbs, algorithm, Der.bitString(signer.sign()));
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        X509Certificate parsed = (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(cert));
        parsed.verify(pair.getPublic());
        return parsed;
    }

    /** The cluster name the identity was derived for. */
    public String clusterName() {
        return clusterName;
    }

    /** The certificate every node presents. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** The private key behind the certificate. */
    public PrivateKey privateKey() {
        return keyPair.getPrivate();
    }

    /** The public key every node's certificate carries. */
    public PublicKey publicKey() {
        return keyPair.getPublic();
    }

    /** True when {@code peer} carries this cluster's public key. */
    public boolean matches(X509Certificate peer) {
        return MessageDigest.isEqual(publicKeyEncoded, peer.getPublicKey().getEncoded());
    }

    /** SHA-256 of the certificate, hex (what an admin can compare with openssl). */
    public String certificateFingerprint() {
        try {
            return HexFormat.ofDelimiter(":").formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Hands out one fixed seed, once; any other use is a programming error. */
    private static final class SeedRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] seed;
        private boolean used;

        SeedRandom(byte[] seed) {
            super(new byte[0]);
            this.seed = seed.clone();
        }

        @Override
        public synchronized void nextBytes(byte[] bytes) {
            if (used || bytes.length != seed.length) {
                throw new IllegalStateException("Ed25519 key generation asked for " + bytes.length
                        + " random bytes; expected the " + seed.length + "-byte seed once");
            }
            System.arraycopy(seed, 0, bytes, 0, seed.length);
            used = true;
        }
    }
}
