package dev.vigil.cluster.membership;

import dev.vigil.cluster.config.TotemConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The timings derived from totem, as docs/cluster.md lists them. */
class MembershipTimingTest {
    @Test
    void defaultsMatchTheDocumentation() {
        MembershipTiming t = MembershipTiming.from(TotemConfig.defaults("x"));
        assertEquals(Duration.ofMillis(200), t.heartbeatInterval());
        assertEquals(Duration.ofMillis(1000), t.suspectAfter());
        assertEquals(Duration.ofMillis(166), t.verifySuspect());
        assertEquals(Duration.ofMillis(1200), t.viewAckTimeout());
        assertEquals(Duration.ofMillis(1200), t.joinTimeout());
        assertEquals(Duration.ofMillis(500), t.mergeMinInterval());
        assertEquals(Duration.ofMillis(2000), t.mergeMaxInterval());
        assertEquals(Duration.ofMillis(250), t.retransmitInterval());
        assertEquals(Duration.ofMillis(1000), t.connectTimeout());
    }

    @Test
    void everythingScalesWithTheToken() {
        MembershipTiming t = MembershipTiming.from(TotemConfig.defaults("x").withToken(Duration.ofMillis(3000)));
        assertEquals(Duration.ofMillis(600), t.heartbeatInterval());
        assertEquals(Duration.ofMillis(3000), t.suspectAfter());
        assertEquals(Duration.ofMillis(500), t.verifySuspect());
        assertEquals(Duration.ofMillis(3600), t.viewAckTimeout());
        assertEquals(Duration.ofMillis(6000), t.mergeMaxInterval());
        assertEquals(Duration.ofMillis(3000), t.connectTimeout());
    }
}
