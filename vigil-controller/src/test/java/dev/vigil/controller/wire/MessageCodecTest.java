package dev.vigil.controller.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.model.cib.LrmOp;
import dev.vigil.model.cib.LrmResource;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageCodecTest {
    private static final LrmOp OP = new LrmOp(attrs("id", "web_last_0", "operation", "start", "rc-code", "0",
            "exit-reason", "", "transition-key", "3:7:0:6f1c"));

    private static Map<String, String> attrs(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void everyMessageSurvivesARoundTrip() {
        FenceRecord fence = new FenceRecord("node2", "reboot", true, "node1", "node3", List.of("fence1", "fence2"), "",
                1000, 1250);
        List<Message> messages = List.of(
                new Message.JoinRequest("uuid-1", 42),
                new Message.JoinReply(42, "boot-7", List.of(new LrmResource("web", "ocf", "vigil", "http", null,
                        List.of(OP))), true),
                new Message.ExecRequest("1:2:0:u", "web", "ocf", "vigil", "http", "start", 0,
                        Map.of("ip", "127.0.0.50", "CRM_meta_timeout", "20000")),
                new Message.ExecRequest(null, "fence", "stonith", null, "fence_vigil", "delete", 0, Map.of()),
                new Message.ExecResult("web", "ocf", "vigil", "http", OP),
                new Message.ActionDone("4:2:0:u", "web", "web_monitor_10000", true, ""),
                new Message.ActionDone(null, "web", null, false, "no such resource"),
                new Message.FenceRequest(9, "node2", "off", 5000),
                new Message.FenceReply(9, fence),
                new Message.FenceNotice(fence),
                new Message.ShutdownRequest(),
                new Message.ShutdownAllowed(),
                new Message.CleanupRequest(null, "node1"),
                new Message.AdminFenceRequest(3, "node2", "off"),
                new Message.AdminFenceReply(3, false, "no node named 'node9' in the cluster"),
                new Message.Hello("boot-7"),
                new Message.HistoryCheck("boot-7", "abcdef"));
        for (Message m : messages) {
            assertEquals(m, MessageCodec.decode(MessageCodec.encode(m)), m.getClass().getSimpleName());
        }
    }

    @Test
    void anythingElseIsRefusedWithAReason() {
        var e = assertThrows(MessageCodec.MalformedMessageException.class, () -> MessageCodec.decode("hello".getBytes()));
        assertTrue(e.getMessage().contains("not a controller message"), e.getMessage());

        byte[] good = MessageCodec.encode(new Message.JoinRequest("uuid", 1));
        byte[] truncated = Arrays.copyOf(good, good.length - 3);
        assertTrue(assertThrows(MessageCodec.MalformedMessageException.class, () -> MessageCodec.decode(truncated))
                .getMessage().contains("truncated"));

        byte[] trailing = Arrays.copyOf(good, good.length + 2);
        assertTrue(assertThrows(MessageCodec.MalformedMessageException.class, () -> MessageCodec.decode(trailing))
                .getMessage().contains("trailing"));

        byte[] unknownType = good.clone();
        unknownType[4] = 99;
        assertTrue(assertThrows(MessageCodec.MalformedMessageException.class, () -> MessageCodec.decode(unknownType))
                .getMessage().contains("unknown controller message type 99"));
    }

    @Test
    void hugeCountsAreRefusedBeforeAnythingIsAllocated() {
        ByteBuffer b = ByteBuffer.allocate(4 + 1 + 8 + 4 + 1 + 4);
        b.putInt(0x56434d31).put((byte) 2).putLong(1).putInt(-1).put((byte) 0).putInt(Integer.MAX_VALUE);
        var e = assertThrows(MessageCodec.MalformedMessageException.class, () -> MessageCodec.decode(b.array()));
        assertTrue(e.getMessage().contains("bad count of history"), e.getMessage());
    }
}
