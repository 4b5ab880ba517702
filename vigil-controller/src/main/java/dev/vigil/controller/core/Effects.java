package dev.vigil.controller.core;

import dev.vigil.controller.wire.Message;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The effects one step produces, in order. Messages addressed to this node itself do not leave
 * the core: they are queued here and handled before the step ends, so the DC treats itself like
 * any other node without a round trip through the transport.
 */
final class Effects {
    private final String localNode;
    private final List<Effect> out = new ArrayList<>();
    private final Deque<Message> toSelf = new ArrayDeque<>();

    Effects(String localNode) {
        this.localNode = localNode;
    }

    void add(Effect e) {
        out.add(e);
    }

    void send(String node, Message m) {
        if (node == null) {
            return;
        }
        if (node.equals(localNode)) {
            toSelf.add(m);
        } else {
            out.add(new Effect.Send(node, m));
        }
    }

    void log(Effect.Log.Level level, String text) {
        out.add(new Effect.Log(level, text));
    }

    void info(String text) {
        log(Effect.Log.Level.INFO, text);
    }

    void notice(String text) {
        log(Effect.Log.Level.NOTICE, text);
    }

    void warning(String text) {
        log(Effect.Log.Level.WARNING, text);
    }

    void error(String text) {
        log(Effect.Log.Level.ERROR, text);
    }

    Message pollSelf() {
        return toSelf.poll();
    }

    List<Effect> effects() {
        return out;
    }
}
