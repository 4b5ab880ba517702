/**
 * Where a command's CIB comes from and goes back to: the daemon ({@code --socket}, via
 * {@code cib.query} and an optimistic {@code cib.replace}) or a file ({@code -f FILE}, written
 * atomically). {@link dev.vigil.cli.source.EditRunner} runs every write command the same way:
 * read, apply a pure edit, validate, write back, report. I/O lives here; edits do not.
 */
package dev.vigil.cli.source;
