/**
 * The CIB document at the edges: Pacemaker CIB XML in and out ({@link dev.vigil.cib.CibXml}),
 * digests ({@link dev.vigil.cib.CibDigest}), validation before a change is accepted
 * ({@link dev.vigil.cib.CibValidator}), versioning rules ({@link dev.vigil.cib.CibVersions}) and
 * patches by part ({@link dev.vigil.cib.CibPatch}); the crash-safe file store lives in
 * {@code dev.vigil.cib.store}. Depends on vigil-model only.
 */
package dev.vigil.cib;
