package dev.vigil.cluster.membership;

import dev.vigil.cluster.config.CryptoCipher;
import dev.vigil.cluster.key.AuthKey;
import dev.vigil.cluster.key.ClusterIdentity;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The TLS layer alone, on raw sockets: the pinned identity admits key holders only. */
class TlsTest {
    static TlsSocketFactory factory(AuthKey key, String cluster, SecurityLog log) {
        ClusterIdentity id = ClusterIdentity.derive(key, cluster);
        return new TlsSocketFactory(Tls.context(id, log), Tls.parameters(CryptoCipher.AES256, false),
                Tls.parameters(CryptoCipher.AES256, true), log, 2000);
    }

    @Test
    void keyHoldersHandshakeAndOthersAreRefusedAndLoggedOnce() throws Exception {
        AuthKey key = AuthKey.generate();
        SecurityLog serverLog = new SecurityLog("server", key.fingerprint());
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (ServerSocket server = factory(key, "web", serverLog).createServerSocket("test")) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Future<Integer> accepted = pool.submit(() -> {
                try (Socket s = server.accept()) {
                    int b = s.getInputStream().read();
                    s.getOutputStream().write(b + 1);
                    s.getOutputStream().flush();
                    return b;
                }
            });
            // A node with another key (three attempts) is refused: only one log line per address.
            SecurityLog strangerLog = new SecurityLog("stranger", "x");
            TlsSocketFactory stranger = factory(AuthKey.generate(), "web", strangerLog);
            for (int i = 0; i < 3; i++) {
                try (Socket s = stranger.createSocket("test")) {
                    s.connect(server.getLocalSocketAddress(), 2000);
                    assertThrows(IOException.class, () -> ((SSLSocket) s).startHandshake());
                }
            }
            // A plaintext client is refused as well.
            try (Socket plain = new Socket()) {
                plain.connect(server.getLocalSocketAddress(), 2000);
                plain.getOutputStream().write("hello, plaintext JGroups frame".getBytes());
                plain.setSoTimeout(2000);
                int first = readOrEof(plain);
                assertTrue(first == -1 || first == 21, "nothing but a TLS alert (record type 21) comes back: " + first);
                while (readOrEof(plain) != -1) {
                    // the server closes the connection after its alert
                }
            }
            // The key holder gets through, after all the refusals.
            try (Socket s = factory(key, "web", new SecurityLog("client", "y")).createSocket("test")) {
                s.connect(server.getLocalSocketAddress(), 2000);
                s.getOutputStream().write(41);
                s.getOutputStream().flush();
                assertEquals(42, s.getInputStream().read());
                assertEquals("TLSv1.3", ((SSLSocket) s).getSession().getProtocol());
                assertEquals("TLS_AES_256_GCM_SHA384", ((SSLSocket) s).getSession().getCipherSuite());
            }
            assertEquals(41, accepted.get(5, TimeUnit.SECONDS));
            assertEquals(3, strangerLog.refusals(), "the stranger refused the server's certificate each time");
            assertTrue(serverLog.refusals() >= 4, "the server refused every failed handshake: " + serverLog.refusals());
        } finally {
            pool.shutdownNow();
        }
    }

    private static int readOrEof(Socket s) {
        try {
            return s.getInputStream().read();
        } catch (IOException e) {
            return -1;
        }
    }
}
