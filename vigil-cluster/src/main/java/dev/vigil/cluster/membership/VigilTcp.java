package dev.vigil.cluster.membership;

import org.jgroups.Address;
import org.jgroups.PhysicalAddress;
import org.jgroups.blocks.cs.Connection;
import org.jgroups.conf.ClassConfigurator;
import org.jgroups.protocols.TCP;
import org.jgroups.stack.IpAddress;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * JGroups' TCP transport with a careful "connection closed" suspicion. JGroups can suspect a
 * peer as soon as its connection closes, which is how a crashed process (whose kernel closes
 * its sockets) is noticed at once. But connections also close while the peer is alive: two
 * nodes connecting to each other at the same moment (JGroups keeps one and closes the other),
 * or TLS dropping a connection that carried a forged record. So before suspecting, this
 * transport knocks on the peer's port: a crashed process's port refuses at once and the
 * suspicion goes ahead (VERIFY_SUSPECT2 then confirms it); a live peer accepts, and nothing
 * happens. The knock is a bare TCP connect, closed without a byte, which the peer's
 * {@link TlsSocketFactory} ignores. A dying process closes its sockets one by one, so a
 * connection may close a moment before the listening port does: an answered knock is repeated
 * twice, {@value #KNOCK_RETRY_MS} ms apart, before the peer is taken to be alive.
 */
final class VigilTcp extends TCP {
    static final int KNOCKS = 3;
    static final long KNOCK_RETRY_MS = 50;
    private final int knockTimeoutMs;

    VigilTcp(int knockTimeoutMs) {
        this.knockTimeoutMs = knockTimeoutMs;
        setId(ClassConfigurator.getProtocolId(TCP.class));
    }

    @Override
    public void connectionClosed(Connection conn) {
        if (!enableSuspectEvents() || conn.isClosedGracefully() || !(conn.peerAddress() instanceof IpAddress peer)) {
            return;
        }
        Address logical = logical_addr_cache.getByValue((PhysicalAddress) peer);
        if (logical == null || !members.contains(logical)) {
            return;
        }
        knock(conn, peer, logical, 1, 0);
    }

    private void knock(Connection conn, IpAddress peer, Address logical, int attempt, long delayMs) {
        timer.schedule(() -> {
            if (refusesConnections(peer)) {
                super.connectionClosed(conn);
            } else if (attempt < KNOCKS) {
                knock(conn, peer, logical, attempt + 1, KNOCK_RETRY_MS);
            } else {
                log.debug("%s: connection to %s closed, but its port answers: not suspecting it", local_addr, logical);
            }
        }, delayMs, java.util.concurrent.TimeUnit.MILLISECONDS, true);
    }

    private boolean refusesConnections(IpAddress peer) {
        try (Socket knock = new Socket()) {
            InetAddress from = getClientBindAddr() != null ? getClientBindAddr() : getBindAddress();
            if (from != null) {
                knock.bind(new InetSocketAddress(from, 0));
            }
            knock.connect(new InetSocketAddress(peer.getIpAddress(), peer.getPort()), knockTimeoutMs);
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
