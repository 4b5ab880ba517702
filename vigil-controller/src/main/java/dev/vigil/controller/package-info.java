/**
 * The controller: on the DC, turns every relevant change into a scheduler run and executes the
 * resulting transition graph (operations on each node's executor, fencing through the fencer,
 * results recorded in the CIB status); on every node, runs the operations the DC asks for.
 *
 * <p>It is wired only to interfaces ({@link dev.vigil.controller.ControllerContext}): the daemon
 * provides the real ones, the simulation provides fakes. Depends on model, cib, scheduler,
 * cluster and exec; never on the daemon.
 */
package dev.vigil.controller;
