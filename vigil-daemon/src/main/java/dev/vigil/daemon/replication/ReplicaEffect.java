package dev.vigil.daemon.replication;

import dev.vigil.cib.store.StoredCib;
import dev.vigil.model.cib.CibVersion;
import java.util.List;

/** One thing the caller of {@link CibReplica#step} must do, in the order given. */
public sealed interface ReplicaEffect {
    /** Make {@code copy} durable before doing any later effect. */
    record Persist(StoredCib copy) implements ReplicaEffect {
    }

    /** Send to one node. */
    record Send(String node, CibMessage message) implements ReplicaEffect {
    }

    /** Send to every member of the view (this node included). */
    record Broadcast(CibMessage message) implements ReplicaEffect {
    }

    /** {@code copy} is now this node's copy: tell subscribers, log the version change. */
    record Committed(StoredCib previous, StoredCib copy, String cause) implements ReplicaEffect {
    }

    /** Request {@code id} of this node is done; the CIB had {@code version} afterwards. */
    record Complete(long id, CibVersion version) implements ReplicaEffect {
    }

    /** Request {@code id} of this node was refused; nothing was changed. */
    record Reject(long id, String reason, List<String> problems) implements ReplicaEffect {
        public Reject {
            problems = List.copyOf(problems);
        }
    }

    /** Something the admin may want to know (level INFO or WARNING) or a developer (DEBUG). */
    record Log(System.Logger.Level level, String text) implements ReplicaEffect {
    }
}
