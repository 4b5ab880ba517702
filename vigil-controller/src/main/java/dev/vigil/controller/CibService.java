package dev.vigil.controller;

import dev.vigil.model.cib.Cib;
import dev.vigil.model.cib.CibVersion;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The replicated CIB as this node sees it. Changes are applied by the DC (requests made on
 * another node are forwarded to it), validated, versioned, persisted on every node and then
 * announced to subscribers everywhere.
 */
public interface CibService {
    /** The latest committed copy on this node. */
    Cib current();

    /**
     * Applies {@code change} to the DC's current copy. Completes with the new version, or
     * exceptionally with {@link CibRejectedException} naming the reason; a rejected change
     * leaves every copy untouched. A change that only touches the status section bumps
     * num_updates; one that touches the configuration bumps epoch.
     *
     * @param description what the change is, for logs and errors ("record web_start_0 on node1")
     */
    CompletableFuture<CibVersion> modify(String description, UnaryOperator<Cib> change);

    /** Calls {@code listener} with every newly committed copy, in version order, on one thread. */
    void subscribe(Consumer<Cib> listener);
}
