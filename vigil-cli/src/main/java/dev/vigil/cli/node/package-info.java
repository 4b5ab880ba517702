/** {@code vigil node standby|unstandby|maintenance|utilization}: node settings kept in the configuration. */
package dev.vigil.cli.node;
