/**
 * {@code vigil resource …}: one class per family of subcommands (create/update/delete/show,
 * agents, placement, runtime, structure). Commands parse arguments and call the pure edits of
 * {@code dev.vigil.cli.edit} through {@code CibRunner}; {@link dev.vigil.cli.resource.AgentLookup}
 * is the only place here that runs agents (for their meta-data).
 */
package dev.vigil.cli.resource;
