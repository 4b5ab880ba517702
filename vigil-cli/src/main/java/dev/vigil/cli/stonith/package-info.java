/** {@code vigil stonith …}: fence devices, fence agents, fencing levels and the fencing history. */
package dev.vigil.cli.stonith;
