/** {@code vigil config show}: the whole configuration, readable or as JSON. */
package dev.vigil.cli.config;
