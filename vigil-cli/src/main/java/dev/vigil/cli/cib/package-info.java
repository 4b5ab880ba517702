/** {@code vigil cib export|import|diff|shadow}: the CIB as a Pacemaker XML document, and shadow copies of it. */
package dev.vigil.cli.cib;
