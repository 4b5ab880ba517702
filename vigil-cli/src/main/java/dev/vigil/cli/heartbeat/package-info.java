/**
 * Heartbeat v1 migration: {@code haresources} (and {@code ha.cf}) read into crm statements, so
 * the import goes through the same translation and validation as {@code vigil crm configure}.
 * Pure: text in, statements out.
 */
package dev.vigil.cli.heartbeat;
