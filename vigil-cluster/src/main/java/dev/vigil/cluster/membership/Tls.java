package dev.vigil.cluster.membership;

import dev.vigil.cluster.config.CryptoCipher;
import dev.vigil.cluster.key.ClusterIdentity;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.Principal;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

/**
 * Mutual TLS 1.3 with a pinned cluster identity: both ends present the certificate derived from
 * the cluster key and accept only a peer presenting the same public key. TLS 1.3 gives every
 * connection fresh keys (ECDHE) and protects every record with an AEAD cipher whose nonce is the
 * record's sequence number: a replayed, reordered, dropped-and-reinserted or bit-flipped record
 * fails authentication and kills the connection, and a recorded connection cannot be replayed.
 */
final class Tls {
    static final String PROTOCOL = "TLSv1.3";
    private static final String ALIAS = "vigil-cluster";

    private Tls() {
    }

    static SSLContext context(ClusterIdentity identity, SecurityLog securityLog) {
        try {
            SSLContext context = SSLContext.getInstance(PROTOCOL);
            context.init(new KeyManager[] {new IdentityKeyManager(identity)},
                    new TrustManager[] {new PinnedTrustManager(identity, securityLog)}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS 1.3: " + e.getMessage(), e);
        }
    }

    static SSLParameters parameters(CryptoCipher cipher, boolean server) {
        SSLParameters p = new SSLParameters();
        p.setProtocols(new String[] {PROTOCOL});
        p.setCipherSuites(new String[] {cipher.tlsSuite()});
        if (server) {
            p.setNeedClientAuth(true);
        }
        // Peers are identified by the pinned key, not by host names.
        p.setEndpointIdentificationAlgorithm(null);
        return p;
    }

    /** Presents the cluster certificate for Ed25519 ("EdDSA") key types. */
    static final class IdentityKeyManager extends X509ExtendedKeyManager {
        private final ClusterIdentity identity;

        IdentityKeyManager(ClusterIdentity identity) {
            this.identity = identity;
        }

        private boolean fits(String keyType) {
            return keyType != null && (keyType.equalsIgnoreCase("EdDSA") || keyType.equalsIgnoreCase("Ed25519"));
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return fits(keyType) ? new String[] {ALIAS} : null;
        }

        @Override
        public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
            for (String k : keyTypes) {
                if (fits(k)) {
                    return ALIAS;
                }
            }
            return null;
        }

        @Override
        public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
            return chooseClientAlias(keyTypes, issuers, null);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return getClientAliases(keyType, issuers);
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return fits(keyType) ? ALIAS : null;
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return chooseServerAlias(keyType, issuers, null);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return ALIAS.equals(alias) ? new X509Certificate[] {identity.certificate()} : null;
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return ALIAS.equals(alias) ? identity.privateKey() : null;
        }
    }

    /** Trusts exactly one public key: the cluster's. Dates and names are not checked. */
    static final class PinnedTrustManager extends X509ExtendedTrustManager {
        private final ClusterIdentity identity;
        private final SecurityLog securityLog;

        PinnedTrustManager(ClusterIdentity identity, SecurityLog securityLog) {
            this.identity = identity;
            this.securityLog = securityLog;
        }

        private void check(X509Certificate[] chain, InetAddress remote) throws CertificateException {
            if (chain == null || chain.length == 0) {
                securityLog.refused(remote, "it presented no certificate");
                throw new CertificateException("peer presented no certificate");
            }
            if (!identity.matches(chain[0])) {
                securityLog.refused(remote, "its certificate (" + chain[0].getSubjectX500Principal().getName()
                        + ") is not derived from this cluster's key");
                throw new CertificateException("peer does not hold the cluster key of cluster '" + identity.clusterName() + "'");
            }
        }

        private static InetAddress remote(Socket socket) {
            if (socket != null && socket.getRemoteSocketAddress() instanceof InetSocketAddress a) {
                return a.getAddress();
            }
            return null;
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            check(chain, remote(socket));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            check(chain, remote(socket));
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            check(chain, null);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            check(chain, null);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            check(chain, null);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            check(chain, null);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[] {identity.certificate()};
        }
    }
}
