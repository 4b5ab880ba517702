/**
 * The cluster key ({@code /etc/vigil/authkey}): generation from the system's non-blocking random
 * source, atomic writing with mode 0400, loading with checks, and what is derived from it: named
 * sub-keys (HKDF-SHA256) and the cluster's TLS identity, an Ed25519 key pair with a self-signed
 * certificate that every holder of the key derives identically.
 *
 * <p>JDK only; no network. See docs/cluster.md, "Security".
 */
package dev.vigil.cluster.key;
