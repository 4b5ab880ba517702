/**
 * crmsh's configuration language ({@code vigil crm configure}): statements read from text,
 * translated into pure {@link dev.vigil.cli.edit.CibEdit}s. Reads no files and talks to no
 * daemon; the command applies the edits through {@link dev.vigil.cli.source}.
 */
package dev.vigil.cli.crm;
