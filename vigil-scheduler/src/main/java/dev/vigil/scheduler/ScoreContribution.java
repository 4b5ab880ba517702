package dev.vigil.scheduler;

/** One named contribution to a resource's score on a node (a constraint, stickiness, a ban…). */
public record ScoreContribution(String resource, String node, String source, int score) {
}
