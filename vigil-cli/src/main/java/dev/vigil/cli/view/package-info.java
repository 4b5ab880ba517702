/**
 * The read-only views: {@code vigil status} ({@link dev.vigil.cli.view.StatusText} over the
 * scheduler's {@link dev.vigil.scheduler.StatusView}) and {@code vigil explain}
 * ({@link dev.vigil.cli.view.Explanation} over one scheduler run's named score contributions).
 * Pure: data in, data or text out; reading the CIB and talking to the daemon stay in the commands.
 */
package dev.vigil.cli.view;
