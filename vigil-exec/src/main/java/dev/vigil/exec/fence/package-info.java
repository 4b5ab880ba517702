/**
 * The fencer: makes a node safe (power it off or reboot it) by running fence agents with the
 * fence-agents stdin protocol, choosing devices by Pacemaker's {@code pcmk_*} device options
 * and fencing topology levels, and keeping a bounded history of results.
 *
 * <p>{@link dev.vigil.exec.fence.Fencer} is the small interface a simulation can implement;
 * {@link dev.vigil.exec.fence.LocalFencer} runs real agents. Input is plain records
 * ({@link dev.vigil.exec.fence.FenceConfig}: devices and levels), built by the caller from the
 * CIB; nothing here reads the CIB or talks to other nodes.
 */
package dev.vigil.exec.fence;
