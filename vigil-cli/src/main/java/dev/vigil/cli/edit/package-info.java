/**
 * Configuration edits as pure functions {@code Cib → Cib} ({@link dev.vigil.cli.edit.CibEdit}),
 * the lookups they share (resources by id, attribute sets, fresh ids, "did you mean"), and the
 * checks every edited CIB passes before it is written ({@link dev.vigil.cli.edit.Validation}).
 *
 * <p>No I/O here: no files, no sockets, no agents run. What an edit needs from outside (an
 * agent's meta-data, the current time) is passed in as a value. Must not depend on picocli or
 * the API client; the commands in {@code dev.vigil.cli.*} do the I/O and call these.
 */
package dev.vigil.cli.edit;
