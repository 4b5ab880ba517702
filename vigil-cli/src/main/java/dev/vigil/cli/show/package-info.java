/**
 * The configuration as people read it (pcs-like text) and as scripts read it (JSON views).
 * Pure: functions of a CIB (and "now", for expiries) to text or to records Jackson writes.
 */
package dev.vigil.cli.show;
