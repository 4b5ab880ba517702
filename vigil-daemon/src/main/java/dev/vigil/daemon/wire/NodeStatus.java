package dev.vigil.daemon.wire;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * A node's quorum flags, broadcast after each view and whenever they change: votequorum's
 * rule that a node waiting for all stops waiting once it joins a member that is quorate and
 * not waiting needs each node to know the others' flags.
 *
 * @param viewId        the view the flags were computed in
 * @param quorate       the node is quorate
 * @param waitingForAll the node still waits to see all nodes at once
 */
public record NodeStatus(long viewId, boolean quorate, boolean waitingForAll) {
    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(viewId);
            out.writeBoolean(quorate);
            out.writeBoolean(waitingForAll);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    public static NodeStatus decode(byte[] payload) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
            NodeStatus s = new NodeStatus(in.readLong(), in.readBoolean(), in.readBoolean());
            if (in.available() > 0) {
                throw new WireException("node status: " + in.available() + " unexpected bytes at the end");
            }
            return s;
        } catch (IOException e) {
            throw new WireException("node status: truncated", e);
        }
    }
}
