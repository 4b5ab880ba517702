package dev.vigil.daemon.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.cib.CibPatch;
import dev.vigil.cib.CibXml;
import dev.vigil.cib.store.StoredCib;
import dev.vigil.daemon.replication.CibMessage;
import dev.vigil.daemon.replication.RequestRef;
import dev.vigil.model.cib.CibVersion;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireTest {
    static final StoredCib COPY = StoredCib.of(CibXml.parse("<cib admin_epoch=\"0\" epoch=\"3\" num_updates=\"1\"><configuration>"
            + "<crm_config/><nodes/><resources/><constraints/></configuration><status/></cib>"));

    @Test
    void everyMessageRoundTrips() {
        List<CibMessage> messages = List.of(
                new CibMessage.Offer(7, true, COPY),
                new CibMessage.Commit(7, false, COPY, List.of(new RequestRef("node2", 4))),
                new CibMessage.Forward(4, "set x", "cli", new CibPatch(new CibVersion(0, 3, 1), 0,
                        List.of(new CibPatch.Part("configuration", "-", "abc", COPY.xml()), new CibPatch.Part("node_state 2", "def", "-", null)))),
                new CibMessage.Reply(4, CibMessage.Outcome.CONFLICT, "node_state 2 changed", new CibVersion(0, 3, 2)));
        for (CibMessage m : messages) {
            assertEquals(m, CibWire.decode(CibWire.encode(m)));
        }
        NodeStatus s = new NodeStatus(9, true, false);
        assertEquals(s, NodeStatus.decode(s.encode()));
        Envelope e = new Envelope(Envelope.Channel.CONTROLLER, new byte[] {1, 2, 3});
        Envelope back = Envelope.decode(e.encode());
        assertEquals(e.channel(), back.channel());
        assertArrayEquals(e.payload(), back.payload());
    }

    @Test
    void damagedFramesAreNamed() {
        byte[] commit = CibWire.encode(new CibMessage.Commit(7, true, COPY, List.of()));
        assertTrue(assertThrows(WireException.class, () -> CibWire.decode(Arrays.copyOf(commit, commit.length - 5)))
                .getMessage().contains("truncated"));
        byte[] extra = Arrays.copyOf(commit, commit.length + 1);
        assertTrue(assertThrows(WireException.class, () -> CibWire.decode(extra)).getMessage().contains("unexpected bytes"));
        byte[] flipped = commit.clone();
        flipped[30] ^= 0x55;
        WireException e = assertThrows(WireException.class, () -> CibWire.decode(flipped));
        assertTrue(e.getMessage().startsWith("CIB message") || e.getMessage().startsWith("compressed")
                || e.getMessage().startsWith("CIB copy"), e.getMessage());
        assertEquals("unknown CIB message type 9", assertThrows(WireException.class, () -> CibWire.decode(new byte[] {9})).getMessage());
        assertTrue(assertThrows(WireException.class, () -> Envelope.decode(new byte[] {'V', 2, 1})).getMessage()
                .contains("are all nodes running the same Vigil version?"));
        assertEquals("not a Vigil daemon message", assertThrows(WireException.class, () -> Envelope.decode(new byte[] {1})).getMessage());
    }

    @Test
    void aCopyWhoseTextDoesNotMatchItsDigestIsRefused() {
        StoredCib lying = new StoredCib(COPY.cib(), COPY.xml(), "00" + COPY.digest().substring(2));
        WireException e = assertThrows(WireException.class, () -> CibWire.decode(CibWire.encode(new CibMessage.Offer(1, false, lying))));
        assertTrue(e.getMessage().startsWith("CIB copy: digest mismatch"), e.getMessage());
    }
}
