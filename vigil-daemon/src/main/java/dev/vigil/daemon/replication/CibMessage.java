package dev.vigil.daemon.replication;

import dev.vigil.cib.CibPatch;
import dev.vigil.cib.store.StoredCib;
import dev.vigil.model.cib.CibVersion;
import java.util.List;
import java.util.Objects;

/** What the CIB replicas say to each other (see docs/daemon.md, "Replication"). */
public sealed interface CibMessage {
    /**
     * A member's copy, sent to the view's coordinator after each view change.
     *
     * @param viewId the view this offer is for
     * @param fresh  the sender started since it last adopted a copy of the cluster: its own
     *               status entry in {@code copy} is stale (its executor remembers nothing), so
     *               the coordinator starts it afresh
     */
    record Offer(long viewId, boolean fresh, StoredCib copy) implements CibMessage {
        public Offer {
            Objects.requireNonNull(copy, "copy");
        }
    }

    /**
     * A new copy from the view's coordinator: the result of a sync round ({@code sync}), or a
     * change applied by the DC. {@code completes} lists the forwarded requests it carries out.
     */
    record Commit(long viewId, boolean sync, StoredCib copy, List<RequestRef> completes) implements CibMessage {
        public Commit {
            Objects.requireNonNull(copy, "copy");
            completes = List.copyOf(completes);
        }
    }

    /** A change made on a non-DC node, for the DC to apply. */
    record Forward(long requestId, String description, String client, CibPatch patch) implements CibMessage {
        public Forward {
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(client, "client");
            Objects.requireNonNull(patch, "patch");
        }
    }

    /** The DC's answer to a {@link Forward} that it did not commit. */
    record Reply(long requestId, Outcome outcome, String reason, CibVersion current) implements CibMessage {
        public Reply {
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(current, "current");
        }
    }

    /** Why a forwarded change was not committed. */
    enum Outcome {
        /** Refused (validation, or the change is malformed): the origin gives up with the reason. */
        REJECTED,
        /** A part it replaces changed meanwhile: the origin waits for {@code current} and tries again. */
        CONFLICT,
        /** The receiver is not the DC (any more): the origin sends it to the DC it learns of next. */
        NOT_DC,
        /** Every part already had the change's value: done, as of version {@code current}. */
        UNCHANGED
    }
}
