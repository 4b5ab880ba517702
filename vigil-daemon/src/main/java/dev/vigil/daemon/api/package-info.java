/**
 * The daemon's side of the local API (protocol and types in vigil-api): {@link
 * dev.vigil.daemon.api.ApiServer} listens on the unix socket, {@link
 * dev.vigil.daemon.api.ApiDispatcher} checks the frame and routes each request type to its
 * {@link dev.vigil.daemon.api.ApiHandler}. A later issue adds handlers; nothing else changes.
 */
package dev.vigil.daemon.api;
