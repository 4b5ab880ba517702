/**
 * The daemon's log, per the config's {@code logging {}} section: the JDK's logging (behind
 * {@code System.Logger}, which every module uses) with one readable line per event, to stderr
 * and/or a file.
 */
package dev.vigil.daemon.logging;
