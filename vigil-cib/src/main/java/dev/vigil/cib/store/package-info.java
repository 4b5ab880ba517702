/**
 * The CIB on disk: {@link dev.vigil.cib.store.CibStore} writes each committed copy crash-safely
 * (temporary file, fsync, rename, fsync of the directory) with its digest, keeps numbered
 * backups, and on start loads the newest copy whose digest checks out. Depends on the codec
 * and the model only.
 */
package dev.vigil.cib.store;
