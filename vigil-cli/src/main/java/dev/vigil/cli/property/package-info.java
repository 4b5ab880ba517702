/** {@code vigil property set|unset|list}: cluster options, checked against {@code dev.vigil.cli.edit.Options}. */
package dev.vigil.cli.property;
