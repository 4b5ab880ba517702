/**
 * The transition graph: the scheduler's plan as plain data. Each synapse holds one action and
 * the ids of the actions that must complete first. The same graph drives the real transition
 * engine and the simulation.
 */
package dev.vigil.model.graph;
