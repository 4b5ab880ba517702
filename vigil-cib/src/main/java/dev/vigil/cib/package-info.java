/**
 * The CIB document at the edges: Pacemaker CIB XML in and out ({@link dev.vigil.cib.CibXml}),
 * validation of references, and (later) the crash-safe file store. Depends on vigil-model only.
 */
package dev.vigil.cib;
