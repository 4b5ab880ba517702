/**
 * What the daemons send each other over the membership channel: an {@link
 * dev.vigil.daemon.wire.Envelope} (magic, format version, channel) around the CIB protocol's
 * messages ({@link dev.vigil.daemon.wire.CibWire}), node status for quorum, and the
 * controller's opaque messages. Binary, bounded, and strict: anything malformed is a
 * {@link dev.vigil.daemon.wire.WireException} naming what is wrong.
 */
package dev.vigil.daemon.wire;
