package dev.vigil.scheduler;

import dev.vigil.cib.CibXml;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds small CIBs for scheduler tests: two or more online nodes, fencing off unless asked,
 * resources, constraints, operation history and tickets given as XML fragments.
 */
final class SmallCib {
    private final List<String> nodes = new ArrayList<>();
    private final StringBuilder properties = new StringBuilder();
    private final StringBuilder resources = new StringBuilder();
    private final StringBuilder constraints = new StringBuilder();
    private final StringBuilder tickets = new StringBuilder();
    private final StringBuilder extraConfiguration = new StringBuilder();
    /** Per node, per resource: the operation records. */
    private final Map<String, Map<String, StringBuilder>> history = new LinkedHashMap<>();
    private final Map<String, StringBuilder> nodeAttributes = new LinkedHashMap<>();
    private final Map<String, StringBuilder> capacities = new LinkedHashMap<>();
    private int callId = 10;

    SmallCib(String... nodeNames) {
        for (String n : nodeNames) {
            nodes.add(n);
            history.put(n, new LinkedHashMap<>());
            nodeAttributes.put(n, new StringBuilder());
            capacities.put(n, new StringBuilder());
        }
    }

    SmallCib property(String name, String value) {
        properties.append("<nvpair id=\"opt-").append(name).append("\" name=\"").append(name)
                .append("\" value=\"").append(value).append("\"/>");
        return this;
    }

    SmallCib resources(String xml) {
        resources.append(xml);
        return this;
    }

    SmallCib constraints(String xml) {
        constraints.append(xml);
        return this;
    }

    SmallCib configuration(String xml) {
        extraConfiguration.append(xml);
        return this;
    }

    SmallCib ticket(String id, String attributes) {
        tickets.append("<ticket_state id=\"").append(id).append("\" ").append(attributes).append("/>");
        return this;
    }

    SmallCib nodeAttribute(String node, String name, String value) {
        nodeAttributes.get(node).append("<nvpair id=\"").append(node).append('-').append(name).append("\" name=\"")
                .append(name).append("\" value=\"").append(value).append("\"/>");
        return this;
    }

    /** A node's capacity for a utilization attribute. */
    SmallCib capacity(String node, String name, int amount) {
        capacities.get(node).append("<nvpair id=\"").append(node).append("-u-").append(name).append("\" name=\"")
                .append(name).append("\" value=\"").append(amount).append("\"/>");
        return this;
    }

    /**
     * A successful operation of an ocf:pacemaker:Dummy resource without parameters on a node,
     * recorded with the digest of that definition unless the extra attributes give one.
     */
    SmallCib ran(String node, String rsc, String task, long intervalMs, String extraAttributes) {
        String digest = extraAttributes.contains("op-digest") ? ""
                : " op-digest=\"" + OperationDigest.of(Map.of(), intervalMs, 20_000) + "\"";
        return recorded(node, rsc, task, intervalMs, 0, 0, extraAttributes + digest);
    }

    /** An operation result: rc is the agent's exit code, expected what the cluster wanted. */
    SmallCib recorded(String node, String rsc, String task, long intervalMs, int rc, int expected,
                      String extraAttributes) {
        int call = callId++;
        String id = rc != expected ? rsc + "_last_failure_0"
                : intervalMs > 0 ? rsc + "_" + task + "_" + intervalMs : rsc + "_last_" + call;
        history.get(node).computeIfAbsent(rsc, r -> new StringBuilder()).append("<lrm_rsc_op id=\"").append(id)
                .append("\" operation_key=\"").append(rsc).append('_').append(task).append('_').append(intervalMs)
                .append("\" operation=\"").append(task).append("\" crm_feature_set=\"3.16.1\" transition-key=\"1:1:")
                .append(expected).append(":x\" transition-magic=\"0:").append(rc).append(";1:1:").append(expected)
                .append(":x\" call-id=\"").append(call).append("\" rc-code=\"").append(rc)
                .append("\" op-status=\"0\" interval=\"").append(intervalMs)
                .append("\" last-rc-change=\"1000\" exec-time=\"0\" queue-time=\"0\" ").append(extraAttributes)
                .append("/>");
        return this;
    }

    String xml() {
        StringBuilder out = new StringBuilder("<cib admin_epoch=\"0\" epoch=\"1\" num_updates=\"1\" "
                + "validate-with=\"pacemaker-3.7\" have-quorum=\"1\" dc-uuid=\"" + nodes.get(0) + "\"><configuration>"
                + "<crm_config><cluster_property_set id=\"opts\">");
        if (properties.indexOf("stonith-enabled") < 0) {
            out.append("<nvpair id=\"opt-stonith\" name=\"stonith-enabled\" value=\"false\"/>");
        }
        out.append(properties).append("</cluster_property_set></crm_config><nodes>");
        for (String n : nodes) {
            out.append("<node id=\"").append(n).append("\" uname=\"").append(n).append("\">");
            if (capacities.get(n).length() > 0) {
                out.append("<utilization id=\"").append(n).append("-u\">").append(capacities.get(n)).append("</utilization>");
            }
            out.append("</node>");
        }
        out.append("</nodes><resources>").append(resources).append("</resources><constraints>").append(constraints)
                .append("</constraints>").append(extraConfiguration).append("</configuration><status>");
        for (String n : nodes) {
            out.append("<node_state id=\"").append(n).append("\" uname=\"").append(n)
                    .append("\" in_ccm=\"true\" crmd=\"online\" join=\"member\" expected=\"member\">")
                    .append("<transient_attributes id=\"").append(n).append("\"><instance_attributes id=\"status-")
                    .append(n).append("\">").append(nodeAttributes.get(n)).append("</instance_attributes>")
                    .append("</transient_attributes><lrm id=\"").append(n).append("\"><lrm_resources>")
                    .append(lrmResources(history.get(n))).append("</lrm_resources></lrm></node_state>");
        }
        if (tickets.length() > 0) {
            out.append("<tickets>").append(tickets).append("</tickets>");
        }
        return out.append("</status></cib>").toString();
    }

    private String lrmResources(Map<String, StringBuilder> byResource) {
        StringBuilder out = new StringBuilder();
        byResource.forEach((rsc, ops) -> out.append("<lrm_resource id=\"").append(rsc).append("\" ")
                .append(agentOf(rsc)).append('>').append(ops).append("</lrm_resource>"));
        return out.toString();
    }

    /** The agent attributes the resource is configured with (history records the same agent). */
    private String agentOf(String rsc) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<primitive id=\"" + java.util.regex.Pattern.quote(rsc)
                + "\"([^>]*?)/?>").matcher(resources);
        return m.find() ? m.group(1).trim() : "class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\"";
    }

    CrmSimulate.Report simulate() {
        return CrmSimulate.run(new ClusterSnapshot(CibXml.parse(xml()), Instant.ofEpochSecond(1_000_000)));
    }

    /** The transition summary lines, trimmed and with runs of spaces collapsed. */
    List<String> transitionSummary() {
        String summary = simulate().summary();
        String block = summary.substring(summary.indexOf("Transition Summary:") + "Transition Summary:".length(),
                summary.indexOf("Executing Cluster Transition:"));
        List<String> lines = new ArrayList<>();
        for (String line : block.split("\n")) {
            if (!line.isBlank()) {
                lines.add(line.trim().replaceAll("\\s+", " "));
            }
        }
        return lines;
    }

    /** The executed actions, trimmed and with runs of spaces collapsed. */
    List<String> executed() {
        String summary = simulate().summary();
        String block = summary.substring(summary.indexOf("Executing Cluster Transition:")
                + "Executing Cluster Transition:".length(), summary.indexOf("Revised Cluster Status:"));
        List<String> lines = new ArrayList<>();
        for (String line : block.split("\n")) {
            if (!line.isBlank()) {
                lines.add(line.trim().replaceAll("\\s+", " "));
            }
        }
        return lines;
    }

    static String dummy(String id, String extra) {
        return "<primitive id=\"" + id + "\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\">" + extra + "</primitive>";
    }

    static String dummy(String id) {
        return dummy(id, "");
    }

    static String fenceDevice(String id) {
        return "<primitive id=\"" + id + "\" class=\"stonith\" type=\"fence_xvm\"/>";
    }
}
