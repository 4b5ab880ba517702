/**
 * The local API between the {@code vigil} command and its node's daemon: one JSON object per
 * line over a unix socket, request then response. {@link dev.vigil.api.ApiProtocol} defines the
 * frame and its limits, {@link dev.vigil.api.ApiTypes} the request types and their argument and
 * result records, {@link dev.vigil.api.ApiClient} the client. Depends on Jackson only, so the
 * CLI needs neither the daemon nor JGroups. docs/daemon.md describes the protocol.
 */
package dev.vigil.api;
