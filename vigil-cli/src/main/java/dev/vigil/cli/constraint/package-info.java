/** {@code vigil constraint …}: location, colocation, order, ticket, list, remove; the edits are in {@code dev.vigil.cli.edit}. */
package dev.vigil.cli.constraint;
