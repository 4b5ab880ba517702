package dev.vigil.controller.core;

import dev.vigil.controller.status.CibStatus;
import dev.vigil.model.cib.Cib;
import dev.vigil.model.cib.Configuration;
import dev.vigil.model.cib.NodeState;
import dev.vigil.model.cib.TicketState;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The parts of a CIB that call for a new scheduler run when they change: the configuration,
 * tickets, each node's membership fields and transient attributes. Operation histories are not
 * part of it: the DC learns of results as events and decides itself whether they were expected.
 */
record SchedulerInputs(Configuration configuration, List<TicketState> tickets, Map<String, Map<String, String>> nodes) {

    private static final List<String> FIELDS = List.of("in_ccm", "crmd", "join", "expected");

    static SchedulerInputs of(Cib cib) {
        Map<String, Map<String, String>> nodes = new TreeMap<>();
        for (NodeState s : cib.status().nodes()) {
            Map<String, String> v = new TreeMap<>();
            for (String f : FIELDS) {
                String value = s.get(f);
                if (value != null) {
                    v.put("@" + f, value);
                }
            }
            v.putAll(CibStatus.transientAttributes(s));
            nodes.put(s.uname() == null ? "#" + s.id() : s.uname(), v);
        }
        return new SchedulerInputs(cib.configuration(), cib.status().tickets(), nodes);
    }

    /** Whether everything but the entries of {@code nodes} is the same as in {@code before}. */
    boolean differsOnlyIn(SchedulerInputs before, java.util.Set<String> nodes) {
        if (before == null || !configuration.equals(before.configuration) || !tickets.equals(before.tickets)) {
            return false;
        }
        java.util.Set<String> names = new java.util.TreeSet<>(this.nodes.keySet());
        names.addAll(before.nodes.keySet());
        for (String n : names) {
            if (!nodes.contains(n) && !java.util.Objects.equals(this.nodes.get(n), before.nodes.get(n))) {
                return false;
            }
        }
        return true;
    }

    /** A short note on what differs from {@code before}, for the log. */
    String differenceFrom(SchedulerInputs before) {
        if (before == null) {
            return "first look at the CIB";
        }
        if (!configuration.equals(before.configuration)) {
            return "the configuration changed";
        }
        if (!tickets.equals(before.tickets)) {
            return "a ticket changed";
        }
        for (Map.Entry<String, Map<String, String>> e : nodes.entrySet()) {
            if (!e.getValue().equals(before.nodes.get(e.getKey()))) {
                return "the state or attributes of " + e.getKey() + " changed";
            }
        }
        return "a node's status entry went away";
    }
}
