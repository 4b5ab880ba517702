/**
 * Pure edits of a CIB's status section, as the DC's controller makes them: operation results
 * ({@code lrm_rsc_op}), node membership fields, transient attributes (fail counts, shutdown),
 * and the reset of a fenced node. Every edit is a function {@code Cib → Cib} that is safe to
 * apply to whatever copy is current when the CIB manager applies it (edits name what they set,
 * they are not diffs). No I/O, no clock: times come in as values.
 */
package dev.vigil.controller.status;
