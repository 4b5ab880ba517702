/**
 * A deterministic simulation of whole Vigil clusters. Every node's controller is the real
 * {@link dev.vigil.controller.core.ControllerCore}; around it the simulation provides a clock,
 * a network (latency, partitions, loss), membership with quorum and DC, a replicated CIB,
 * executors whose resources have a physical state, and a fencer that powers nodes off. One
 * seed drives everything on one thread, so a failing run is reproduced from its seed. Safety is
 * checked after every event; liveness after the faults stop.
 *
 * <p>Depends on the controller and what it depends on; nothing depends on this module.
 */
package dev.vigil.sim;
