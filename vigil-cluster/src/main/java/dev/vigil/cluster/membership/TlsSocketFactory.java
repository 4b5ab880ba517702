package dev.vigil.cluster.membership;

import org.jgroups.util.SocketFactory;
import org.jgroups.util.Util;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.EOFException;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.MulticastSocket;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;

/**
 * The JGroups socket factory of Vigil's TCP transport: every socket is TLS 1.3 with the pinned
 * cluster identity ({@link Tls}). Server sockets finish the handshake inside {@code accept()},
 * within a time limit, so that a peer failing it is refused (and logged once, see
 * {@link SecurityLog}) before JGroups sees the connection. Datagram sockets are refused: Vigil's
 * stack sends nothing outside TCP.
 */
final class TlsSocketFactory implements SocketFactory {
    private final SSLContext context;
    private final SSLParameters clientParameters;
    private final SSLParameters serverParameters;
    private final SecurityLog securityLog;
    private final int handshakeTimeoutMs;

    TlsSocketFactory(SSLContext context, SSLParameters clientParameters, SSLParameters serverParameters,
                     SecurityLog securityLog, int handshakeTimeoutMs) {
        this.context = context;
        this.clientParameters = clientParameters;
        this.serverParameters = serverParameters;
        this.securityLog = securityLog;
        this.handshakeTimeoutMs = handshakeTimeoutMs;
    }

    /**
     * A client socket: a peer that accepts TCP but never answers the handshake (a frozen
     * process, whose kernel still accepts connections) must not block JGroups' sender for that
     * destination forever, so reads time out until the handshake has completed.
     */
    private Socket client(Socket s) throws SocketException {
        SSLSocket tls = (SSLSocket) s;
        tls.setSSLParameters(clientParameters);
        tls.setSoTimeout(handshakeTimeoutMs);
        tls.addHandshakeCompletedListener(event -> {
            try {
                event.getSocket().setSoTimeout(0);
            } catch (SocketException e) {
                Util.close(event.getSocket());
            }
        });
        return tls;
    }

    @Override
    public Socket createSocket(String serviceName) throws IOException {
        return client(context.getSocketFactory().createSocket());
    }

    @Override
    public Socket createSocket(String serviceName, String host, int port) throws IOException {
        return client(context.getSocketFactory().createSocket(host, port));
    }

    @Override
    public Socket createSocket(String serviceName, InetAddress address, int port) throws IOException {
        return client(context.getSocketFactory().createSocket(address, port));
    }

    @Override
    public Socket createSocket(String serviceName, String host, int port, InetAddress localAddr, int localPort) throws IOException {
        return client(context.getSocketFactory().createSocket(host, port, localAddr, localPort));
    }

    @Override
    public Socket createSocket(String serviceName, InetAddress address, int port, InetAddress localAddr, int localPort) throws IOException {
        return client(context.getSocketFactory().createSocket(address, port, localAddr, localPort));
    }

    @Override
    public ServerSocket createServerSocket(String serviceName) throws IOException {
        return new HandshakingServerSocket();
    }

    @Override
    public ServerSocket createServerSocket(String serviceName, int port) throws IOException {
        ServerSocket s = new HandshakingServerSocket();
        s.bind(new java.net.InetSocketAddress(port));
        return s;
    }

    @Override
    public ServerSocket createServerSocket(String serviceName, int port, int backlog) throws IOException {
        ServerSocket s = new HandshakingServerSocket();
        s.bind(new java.net.InetSocketAddress(port), backlog);
        return s;
    }

    @Override
    public ServerSocket createServerSocket(String serviceName, int port, int backlog, InetAddress bindAddr) throws IOException {
        ServerSocket s = new HandshakingServerSocket();
        s.bind(new java.net.InetSocketAddress(bindAddr, port), backlog);
        return s;
    }

    @Override
    public DatagramSocket createDatagramSocket(String serviceName) throws SocketException {
        throw new SocketException("Vigil's cluster stack sends no datagrams (" + serviceName + ")");
    }

    @Override
    public DatagramSocket createDatagramSocket(String serviceName, SocketAddress bindaddr) throws SocketException {
        return createDatagramSocket(serviceName);
    }

    @Override
    public DatagramSocket createDatagramSocket(String serviceName, int port) throws SocketException {
        return createDatagramSocket(serviceName);
    }

    @Override
    public DatagramSocket createDatagramSocket(String serviceName, int port, InetAddress laddr) throws SocketException {
        return createDatagramSocket(serviceName);
    }

    @Override
    public MulticastSocket createMulticastSocket(String serviceName) throws IOException {
        throw new SocketException("Vigil's cluster stack uses no multicast (" + serviceName + ")");
    }

    @Override
    public MulticastSocket createMulticastSocket(String serviceName, int port) throws IOException {
        return createMulticastSocket(serviceName);
    }

    @Override
    public MulticastSocket createMulticastSocket(String serviceName, SocketAddress bindaddr) throws IOException {
        return createMulticastSocket(serviceName);
    }

    @Override
    public void close(Socket sock) throws IOException {
        Util.close(sock);
    }

    @Override
    public void close(ServerSocket serverSocket) throws IOException {
        Util.close(serverSocket);
    }

    @Override
    public void close(DatagramSocket datagramSocket) {
        Util.close(datagramSocket);
    }

    /** A plain server socket whose accept() returns only peers that completed the TLS handshake. */
    private final class HandshakingServerSocket extends ServerSocket {
        HandshakingServerSocket() throws IOException {
            super();
        }

        @Override
        public Socket accept() throws IOException {
            while (true) {
                Socket plain = super.accept();
                SSLSocket tls = null;
                try {
                    plain.setSoTimeout(handshakeTimeoutMs);
                    tls = (SSLSocket) context.getSocketFactory().createSocket(plain,
                            plain.getInetAddress().getHostAddress(), plain.getPort(), true);
                    tls.setUseClientMode(false);
                    tls.setSSLParameters(serverParameters);
                    tls.startHandshake();
                    plain.setSoTimeout(0);
                    return tls;
                } catch (IOException e) {
                    reportFailedHandshake(plain.getInetAddress(), e);
                    Util.close(tls);
                    Util.close(plain);
                    if (isClosed()) {
                        throw new SocketException("server socket closed");
                    }
                }
            }
        }
    }

    private void reportFailedHandshake(InetAddress remote, IOException e) {
        if (e instanceof EOFException || (e.getCause() instanceof EOFException)) {
            // Closed before saying anything: a liveness knock (see VigilTcp) or a port scan.
            // Nothing was read or injected; not worth a warning.
            return;
        }
        if (e instanceof SocketTimeoutException) {
            securityLog.refused(remote, "it did not complete the TLS handshake within " + handshakeTimeoutMs + " ms");
            return;
        }
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof SSLException && detail.contains("plaintext")) {
            securityLog.refused(remote, "it does not speak TLS (not a Vigil node, or one without the cluster key)");
        } else {
            securityLog.refused(remote, "the TLS handshake failed (" + detail + ")");
        }
    }
}
