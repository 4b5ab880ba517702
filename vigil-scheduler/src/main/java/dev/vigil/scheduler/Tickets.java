package dev.vigil.scheduler;

import dev.vigil.model.Role;
import dev.vigil.model.Score;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ticket dependencies ({@code rsc_ticket}): a resource may run (or, with a role, be in that
 * role) only while its ticket is granted and not in standby. When it is not, the loss-policy
 * says what happens: stop the resource, demote it, fence the nodes where it is active, or
 * freeze it where it is. A ticket in standby stops or demotes its resources gracefully, never
 * fencing or freezing them.
 */
final class Tickets {
    static final String REVOKED_REASON = "deadman ticket was lost";

    private final Cluster cluster;

    private Tickets(Cluster cluster) {
        this.cluster = cluster;
    }

    /** Applies one dependency, given the ticket states of the status section. */
    static void apply(Cluster cluster, Cluster.TicketRule rule) {
        new Tickets(cluster).apply(rule);
    }

    private void apply(Cluster.TicketRule rule) {
        Map<String, String> state = cluster.ticketStates.getOrDefault(rule.ticket(), Map.of());
        boolean granted = Options.isTrue(state.get("granted"));
        boolean standby = Options.isTrue(state.get("standby"));
        if (granted && !standby) {
            return;
        }
        String policy = granted ? standbyPolicy(rule) : rule.lossPolicy();
        switch (policy) {
            case "demote" -> demote(rule);
            case "fence" -> fence(rule);
            case "freeze" -> freeze(rule);
            default -> ban(rule.rsc());
        }
    }

    /** Standby gives up the role gracefully: promoted resources are demoted unless told to stop. */
    private static String standbyPolicy(Cluster.TicketRule rule) {
        return rule.role() == Role.PROMOTED && !rule.lossPolicy().equals("stop") ? "demote" : "stop";
    }

    /**
     * Only a dependency of the Promoted role leaves the resource running; promotion itself checks
     * the ticket (a missing ticket bans just the instances that could be promoted, unlike a
     * Promoted-role location, which would lower every instance's promotion score).
     */
    private void demote(Cluster.TicketRule rule) {
        if (rule.role() != Role.PROMOTED) {
            ban(rule.rsc());
        }
    }

    /** Fences the nodes where the resource is active in the ticket's role, which it then leaves. */
    private void fence(Cluster.TicketRule rule) {
        for (Rsc instance : rule.rsc().primitives()) {
            if (!activeInRole(instance, rule.role())) {
                continue;
            }
            if (cluster.options.stonithEnabled()) {
                for (SNode node : instance.runningOn) {
                    Fencing.fenceNode(cluster, node, REVOKED_REASON, false);
                }
            }
            ban(instance);
        }
        demote(rule);
    }

    /** Leaves the resource where it is active in the ticket's role; elsewhere it may not start. */
    private void freeze(Cluster.TicketRule rule) {
        for (Rsc instance : rule.rsc().primitives()) {
            if (activeInRole(instance, rule.role())) {
                instance.managed = false;
            } else if (rule.role() != Role.PROMOTED) {
                ban(instance);
            }
        }
    }

    private static boolean activeInRole(Rsc rsc, Role role) {
        if (!rsc.isActive()) {
            return false;
        }
        return role != Role.PROMOTED || rsc.role == Role.PROMOTED;
    }

    /** Bans the resource's primitives from every node (a collective resource keeps its own scores). */
    private void ban(Rsc rsc) {
        for (Rsc primitive : rsc.primitives()) {
            cluster.locations.add(new Cluster.LocationRule("__no_ticket__", primitive, null, everywhere(), null));
        }
    }

    private Map<SNode, Integer> everywhere() {
        Map<SNode, Integer> scores = new LinkedHashMap<>();
        for (SNode node : cluster.nodes) {
            scores.put(node, Score.MINUS_INFINITY);
        }
        return scores;
    }
}
