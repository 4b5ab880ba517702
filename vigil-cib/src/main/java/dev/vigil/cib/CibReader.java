package dev.vigil.cib;

import dev.vigil.model.cib.AttributeExpression;
import dev.vigil.model.cib.Bundle;
import dev.vigil.model.cib.Cib;
import dev.vigil.model.cib.Clone;
import dev.vigil.model.cib.ColocationConstraint;
import dev.vigil.model.cib.Configuration;
import dev.vigil.model.cib.Constraint;
import dev.vigil.model.cib.DateExpression;
import dev.vigil.model.cib.Expression;
import dev.vigil.model.cib.FencingLevel;
import dev.vigil.model.cib.Group;
import dev.vigil.model.cib.LocationConstraint;
import dev.vigil.model.cib.LrmOp;
import dev.vigil.model.cib.LrmResource;
import dev.vigil.model.cib.Node;
import dev.vigil.model.cib.NodeState;
import dev.vigil.model.cib.NvPair;
import dev.vigil.model.cib.NvSet;
import dev.vigil.model.cib.Operation;
import dev.vigil.model.cib.OperationExpression;
import dev.vigil.model.cib.Operations;
import dev.vigil.model.cib.OrderConstraint;
import dev.vigil.model.cib.Primitive;
import dev.vigil.model.cib.Resource;
import dev.vigil.model.cib.ResourceExpression;
import dev.vigil.model.cib.ResourceSet;
import dev.vigil.model.cib.Rule;
import dev.vigil.model.cib.Status;
import dev.vigil.model.cib.Tag;
import dev.vigil.model.cib.Template;
import dev.vigil.model.cib.TicketConstraint;
import dev.vigil.model.cib.TicketState;
import dev.vigil.model.cib.XmlElement;
import dev.vigil.model.Score;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Text;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/** DOM-based reader from Pacemaker CIB XML to the model. One instance reads one document. */
final class CibReader {
    private static final Set<String> RESOURCE_ELEMENTS =
            Set.of("primitive", "group", "clone", "master", "bundle", "template");

    /**
     * Whether enumerated values (kinds, roles, policies) are checked. Pacemaker skips such checks
     * when a CIB says {@code validate-with="none"}, and so do we: structure is still enforced.
     */
    private boolean checkValues = true;

    Cib read(InputStream in) {
        Element root = parseDocument(in).getDocumentElement();
        if (!root.getTagName().equals("cib")) {
            throw new CibFormatException("the root element is <" + root.getTagName() + ">, expected <cib>");
        }
        checkValues = !"none".equals(root.getAttribute("validate-with"));
        Configuration configuration = Configuration.EMPTY;
        Status status = Status.EMPTY;
        for (Element child : children(root)) {
            switch (child.getTagName()) {
                case "configuration" -> configuration = configuration(child);
                case "status" -> status = status(child);
                default -> throw unexpected(root, child);
            }
        }
        return new Cib(attributes(root), configuration, status);
    }

    private static Document parseDocument(InputStream in) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            factory.setNamespaceAware(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(in);
        } catch (SAXParseException e) {
            throw new CibFormatException("not well-formed XML at line " + e.getLineNumber() + ", column "
                    + e.getColumnNumber() + ": " + e.getMessage(), e);
        } catch (SAXException | IOException | ParserConfigurationException e) {
            throw new CibFormatException("cannot parse XML: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- configuration

    private Configuration configuration(Element e) {
        List<NvSet> properties = new ArrayList<>();
        List<NvSet> rscDefaults = new ArrayList<>();
        List<NvSet> opDefaults = new ArrayList<>();
        List<Node> nodes = new ArrayList<>();
        List<Resource> resources = new ArrayList<>();
        List<Template> templates = new ArrayList<>();
        List<Constraint> constraints = new ArrayList<>();
        List<FencingLevel> levels = new ArrayList<>();
        List<Tag> tags = new ArrayList<>();
        XmlElement alerts = null;
        XmlElement acls = null;
        for (Element section : children(e)) {
            switch (section.getTagName()) {
                case "crm_config" -> properties.addAll(nvSets(section, "cluster_property_set"));
                case "rsc_defaults" -> rscDefaults.addAll(nvSets(section, "meta_attributes"));
                case "op_defaults" -> opDefaults.addAll(nvSets(section, "meta_attributes"));
                case "nodes" -> {
                    for (Element n : children(section)) {
                        expect(section, n, "node");
                        nodes.add(node(n));
                    }
                }
                case "resources" -> {
                    for (Element r : children(section)) {
                        if (r.getTagName().equals("template")) {
                            templates.add(template(r));
                        } else {
                            resources.add(resource(section, r));
                        }
                    }
                }
                case "constraints" -> {
                    for (Element c : children(section)) {
                        constraints.add(constraint(section, c));
                    }
                }
                case "fencing-topology" -> {
                    for (Element l : children(section)) {
                        expect(section, l, "fencing-level");
                        levels.add(fencingLevel(l));
                    }
                }
                case "tags" -> {
                    for (Element t : children(section)) {
                        expect(section, t, "tag");
                        tags.add(tag(t));
                    }
                }
                case "alerts" -> alerts = generic(section);
                case "acls" -> acls = generic(section);
                default -> throw unexpected(e, section);
            }
        }
        return new Configuration(properties, rscDefaults, opDefaults, nodes, resources, templates,
                constraints, levels, tags, alerts, acls);
    }

    private Node node(Element e) {
        String id = required(e, "id");
        List<NvSet> attributes = new ArrayList<>();
        List<NvSet> utilization = new ArrayList<>();
        for (Element c : children(e)) {
            switch (c.getTagName()) {
                case "instance_attributes" -> attributes.add(nvSet(c));
                case "utilization" -> utilization.add(nvSet(c));
                default -> throw unexpected(e, c);
            }
        }
        String score = optional(e, "score");
        if (score != null) {
            checkScore(e, "score", score);
        }
        return new Node(id, optional(e, "uname"), optional(e, "type"), optional(e, "description"),
                score, attributes, utilization);
    }

    private Resource resource(Element parent, Element e) {
        return switch (e.getTagName()) {
            case "primitive" -> primitive(e);
            case "group" -> group(e);
            case "clone", "master" -> clone(e);
            case "bundle" -> bundle(e);
            default -> throw unexpected(parent, e);
        };
    }

    private Primitive primitive(Element e) {
        String id = required(e, "id");
        String template = optional(e, "template");
        String agentClass = optional(e, "class");
        String type = optional(e, "type");
        if (template == null) {
            if (agentClass == null) {
                throw error(e, "missing attribute 'class' (and no template)");
            }
            if (type == null) {
                throw error(e, "missing attribute 'type' (and no template)");
            }
        }
        String provider = optional(e, "provider");
        if ("ocf".equals(agentClass) && provider == null) {
            throw error(e, "an ocf resource needs a 'provider'");
        }
        List<NvSet> instance = new ArrayList<>();
        List<NvSet> meta = new ArrayList<>();
        List<NvSet> utilization = new ArrayList<>();
        Operations operations = Operations.NONE;
        for (Element c : children(e)) {
            switch (c.getTagName()) {
                case "instance_attributes" -> instance.add(nvSet(c));
                case "meta_attributes" -> meta.add(nvSet(c));
                case "utilization" -> utilization.add(nvSet(c));
                case "operations" -> operations = operations(c);
                default -> throw unexpected(e, c);
            }
        }
        return new Primitive(id, optional(e, "description"), agentClass, provider, type, template,
                instance, meta, utilization, operations);
    }

    private Template template(Element e) {
        String id = required(e, "id");
        List<NvSet> instance = new ArrayList<>();
        List<NvSet> meta = new ArrayList<>();
        List<NvSet> utilization = new ArrayList<>();
        Operations operations = Operations.NONE;
        for (Element c : children(e)) {
            switch (c.getTagName()) {
                case "instance_attributes" -> instance.add(nvSet(c));
                case "meta_attributes" -> meta.add(nvSet(c));
                case "utilization" -> utilization.add(nvSet(c));
                case "operations" -> operations = operations(c);
                default -> throw unexpected(e, c);
            }
        }
        return new Template(id, optional(e, "description"), required(e, "class"), optional(e, "provider"),
                required(e, "type"), instance, meta, utilization, operations);
    }

    private Operations operations(Element e) {
        List<Operation> ops = new ArrayList<>();
        for (Element c : children(e)) {
            expect(e, c, "op");
            ops.add(operation(c));
        }
        return new Operations(optional(e, "id"), optional(e, "id-ref"), ops);
    }

    private Operation operation(Element e) {
        String idRef = optional(e, "id-ref");
        String id = idRef == null ? required(e, "id") : optional(e, "id");
        Map<String, String> other = new LinkedHashMap<>(attributes(e));
        other.keySet().removeAll(List.of("id", "id-ref", "name", "interval", "role"));
        String name = idRef == null ? required(e, "name") : optional(e, "name");
        String interval = optional(e, "interval");
        if (idRef == null && interval == null) {
            throw error(e, "missing attribute 'interval'");
        }
        if (interval != null && !isDuration(interval)) {
            throw error(e, "interval '" + interval + "' is not a duration (e.g. 10s, 500ms, 2min)");
        }
        String role = optional(e, "role");
        if (role != null) {
            checkRole(e, "role", role);
        }
        List<NvSet> instance = new ArrayList<>();
        List<NvSet> meta = new ArrayList<>();
        for (Element c : children(e)) {
            switch (c.getTagName()) {
                case "instance_attributes" -> instance.add(nvSet(c));
                case "meta_attributes" -> meta.add(nvSet(c));
                default -> throw unexpected(e, c);
            }
        }
        return new Operation(id, idRef, name, interval, role, other, instance, meta);
    }

    private Group group(Element e) {
        String id = required(e, "id");
        List<NvSet> meta = new ArrayList<>();
        List<NvSet> instance = new ArrayList<>();
        List<Primitive> members = new ArrayList<>();
        for (Element c : children(e)) {
            switch (c.getTagName()) {
                case "meta_attributes" -> meta.add(nvSet(c));
                case "instance_attributes" -> instance.add(nvSet(c));
                case "primitive" -> members.add(primitive(c));
                default -> throw unexpected(e, c);
            }
        }
        if (members.isEmpty()) {
            throw error(e, "a group needs at least one primitive");
        }
        return new Group(id, optional(e, "description"), meta, instance, members);
    }

    private Clone clone(Element e) {
        String id = required(e, "id");
        List<NvSet> meta = new ArrayList<>();
        List<NvSet> instance = new ArrayList<>();
        Resource child = null;
        for (Element c : children(e)) {
            switch (c.getTagName()) {
                case "meta_attributes" -> meta.add(nvSet(c));
                case "instance_attributes" -> instance.add(nvSet(c));
                case "primitive", "group" -> {
                    if (child != null) {
                        throw error(e, "a clone holds exactly one primitive or group, found a second: "
                                + describe(c));
                    }
                    child = c.getTagName().equals("group") ? group(c) : primitive(c);
                }
                default -> throw unexpected(e, c);
            }
        }
        if (child == null) {
            throw error(e, "a clone needs a primitive or group inside");
        }
        return new Clone(id, optional(e, "description"), meta, instance, child,
                e.getTagName().equals("master"));
    }

    private Bundle bundle(Element e) {
        String id = required(e, "id");
        List<NvSet> meta = new ArrayList<>();
        XmlElement container = null;
        XmlElement network = null;
        XmlElement storage = null;
        Primitive primitive = null;
        for (Element c : children(e)) {
            switch (c.getTagName()) {
                case "meta_attributes" -> meta.add(nvSet(c));
                case "docker", "podman", "rkt" -> container = generic(c);
                case "network" -> network = generic(c);
                case "storage" -> storage = generic(c);
                case "primitive" -> primitive = primitive(c);
                default -> throw unexpected(e, c);
            }
        }
        if (container == null) {
            throw error(e, "a bundle needs a <docker>, <podman> or <rkt> element");
        }
        return new Bundle(id, optional(e, "description"), meta, container, network, storage, primitive);
    }

    private FencingLevel fencingLevel(Element e) {
        String id = required(e, "id");
        String index = required(e, "index");
        int level;
        try {
            level = Integer.parseInt(index.trim());
        } catch (NumberFormatException ex) {
            throw error(e, "index '" + index + "' is not a number");
        }
        if (level < 1 || level > 9) {
            throw error(e, "index " + level + " is outside 1..9");
        }
        String devices = required(e, "devices");
        String target = optional(e, "target");
        String pattern = optional(e, "target-pattern");
        String attribute = optional(e, "target-attribute");
        if (target == null && pattern == null && attribute == null) {
            throw error(e, "needs one of 'target', 'target-pattern' or 'target-attribute'");
        }
        return new FencingLevel(id, target, pattern, attribute, optional(e, "target-value"), level,
                List.of(devices.split("\\s*,\\s*")));
    }

    private Tag tag(Element e) {
        List<String> refs = new ArrayList<>();
        for (Element c : children(e)) {
            expect(e, c, "obj_ref");
            refs.add(required(c, "id"));
        }
        return new Tag(required(e, "id"), refs);
    }

    // ---------------------------------------------------------------- constraints

    private Constraint constraint(Element parent, Element e) {
        return switch (e.getTagName()) {
            case "rsc_location" -> location(e);
            case "rsc_colocation" -> colocation(e);
            case "rsc_order" -> order(e);
            case "rsc_ticket" -> ticket(e);
            default -> throw unexpected(parent, e);
        };
    }

    private LocationConstraint location(Element e) {
        String id = required(e, "id");
        List<Rule> rules = new ArrayList<>();
        List<ResourceSet> sets = new ArrayList<>();
        for (Element c : children(e)) {
            switch (c.getTagName()) {
                case "rule" -> rules.add(rule(c));
                case "resource_set" -> sets.add(resourceSet(c));
                default -> throw unexpected(e, c);
            }
        }
        String rsc = optional(e, "rsc");
        String pattern = optional(e, "rsc-pattern");
        if (rsc == null && pattern == null && sets.isEmpty()) {
            throw error(e, "needs 'rsc', 'rsc-pattern' or a resource_set");
        }
        String node = optional(e, "node");
        String score = optional(e, "score");
        if (rules.isEmpty() && (node == null || score == null)) {
            throw error(e, "needs 'node' and 'score', or a rule");
        }
        if (score != null) {
            checkScore(e, "score", score);
        }
        String role = optional(e, "role");
        if (role != null) {
            checkRole(e, "role", role);
        }
        String discovery = optional(e, "resource-discovery");
        if (checkValues && discovery != null && !Set.of("always", "never", "exclusive").contains(discovery)) {
            throw error(e, "resource-discovery '" + discovery + "' is not always, never or exclusive");
        }
        return new LocationConstraint(id, rsc, pattern, role, node, score, discovery, rules, sets);
    }

    private ColocationConstraint colocation(Element e) {
        String id = required(e, "id");
        List<ResourceSet> sets = resourceSets(e);
        String rsc = optional(e, "rsc");
        String withRsc = optional(e, "with-rsc");
        if (sets.isEmpty() && (rsc == null || withRsc == null)) {
            throw error(e, "needs 'rsc' and 'with-rsc', or resource sets");
        }
        String score = optional(e, "score");
        if (score != null) {
            checkScore(e, "score", score);
        }
        for (String roleAttr : List.of("rsc-role", "with-rsc-role")) {
            String role = optional(e, roleAttr);
            if (role != null) {
                checkRole(e, roleAttr, role);
            }
        }
        return new ColocationConstraint(id, rsc, withRsc, optional(e, "rsc-role"),
                optional(e, "with-rsc-role"), score, optional(e, "node-attribute"),
                optional(e, "influence"), sets);
    }

    private OrderConstraint order(Element e) {
        String id = required(e, "id");
        List<ResourceSet> sets = resourceSets(e);
        String first = optional(e, "first");
        String then = optional(e, "then");
        if (sets.isEmpty() && (first == null || then == null)) {
            throw error(e, "needs 'first' and 'then', or resource sets");
        }
        String kind = optional(e, "kind");
        if (checkValues && kind != null && !Set.of("Mandatory", "Optional", "Serialize").contains(kind)) {
            throw error(e, "kind '" + kind + "' is not Mandatory, Optional or Serialize");
        }
        String score = optional(e, "score");
        if (score != null) {
            checkScore(e, "score", score);
        }
        for (String actionAttr : List.of("first-action", "then-action")) {
            String action = optional(e, actionAttr);
            if (checkValues && action != null && !Set.of("start", "stop", "promote", "demote", "promoted", "demoted",
                    "running", "stopped").contains(action)) {
                throw error(e, actionAttr + " '" + action + "' is not start, stop, promote or demote");
            }
        }
        return new OrderConstraint(id, first, then, optional(e, "first-action"), optional(e, "then-action"),
                kind, score, optional(e, "symmetrical"), optional(e, "require-all"), sets);
    }

    private TicketConstraint ticket(Element e) {
        String id = required(e, "id");
        List<ResourceSet> sets = resourceSets(e);
        String rsc = optional(e, "rsc");
        if (rsc == null && sets.isEmpty()) {
            throw error(e, "needs 'rsc' or resource sets");
        }
        String lossPolicy = optional(e, "loss-policy");
        if (checkValues && lossPolicy != null && !Set.of("stop", "demote", "fence", "freeze").contains(lossPolicy)) {
            throw error(e, "loss-policy '" + lossPolicy + "' is not stop, demote, fence or freeze");
        }
        return new TicketConstraint(id, rsc, optional(e, "rsc-role"), required(e, "ticket"), lossPolicy, sets);
    }

    private List<ResourceSet> resourceSets(Element e) {
        List<ResourceSet> sets = new ArrayList<>();
        for (Element c : children(e)) {
            expect(e, c, "resource_set");
            sets.add(resourceSet(c));
        }
        return sets;
    }

    private ResourceSet resourceSet(Element e) {
        String idRef = optional(e, "id-ref");
        String id = idRef == null ? required(e, "id") : optional(e, "id");
        List<String> refs = new ArrayList<>();
        for (Element c : children(e)) {
            expect(e, c, "resource_ref");
            refs.add(required(c, "id"));
        }
        String score = optional(e, "score");
        if (score != null) {
            checkScore(e, "score", score);
        }
        return new ResourceSet(id, idRef, optional(e, "sequential"), optional(e, "require-all"),
                optional(e, "ordering"), optional(e, "action"), optional(e, "role"), optional(e, "kind"),
                score, refs);
    }

    // ---------------------------------------------------------------- attribute sets and rules

    private List<NvSet> nvSets(Element parent, String expected) {
        List<NvSet> sets = new ArrayList<>();
        for (Element c : children(parent)) {
            expect(parent, c, expected);
            sets.add(nvSet(c));
        }
        return sets;
    }

    private NvSet nvSet(Element e) {
        String idRef = optional(e, "id-ref");
        String id = idRef == null ? required(e, "id") : optional(e, "id");
        List<Rule> rules = new ArrayList<>();
        List<NvPair> pairs = new ArrayList<>();
        for (Element c : children(e)) {
            switch (c.getTagName()) {
                case "rule" -> rules.add(rule(c));
                case "nvpair" -> pairs.add(nvPair(c));
                default -> throw unexpected(e, c);
            }
        }
        Integer score = null;
        String scoreText = optional(e, "score");
        if (scoreText != null) {
            score = checkScore(e, "score", scoreText);
        }
        return new NvSet(id, idRef, score, rules, pairs);
    }

    private NvPair nvPair(Element e) {
        String idRef = optional(e, "id-ref");
        if (idRef != null) {
            return new NvPair(optional(e, "id"), idRef, optional(e, "name"), optional(e, "value"));
        }
        return new NvPair(required(e, "id"), null, required(e, "name"), optional(e, "value"));
    }

    private Rule rule(Element e) {
        String idRef = optional(e, "id-ref");
        String id = idRef == null ? required(e, "id") : optional(e, "id");
        List<Expression> expressions = new ArrayList<>();
        for (Element c : children(e)) {
            expressions.add(switch (c.getTagName()) {
                case "rule" -> rule(c);
                case "expression" -> attributeExpression(c);
                case "date_expression" -> dateExpression(c);
                case "op_expression" -> new OperationExpression(required(c, "id"), required(c, "name"),
                        optional(c, "interval"));
                case "rsc_expression" -> new ResourceExpression(required(c, "id"), optional(c, "class"),
                        optional(c, "provider"), optional(c, "type"));
                default -> throw unexpected(e, c);
            });
        }
        Integer score = null;
        String scoreText = optional(e, "score");
        if (scoreText != null) {
            score = checkScore(e, "score", scoreText);
        }
        String op = optional(e, "boolean-op");
        if (op != null && !op.equals("and") && !op.equals("or")) {
            throw error(e, "boolean-op '" + op + "' is not 'and' or 'or'");
        }
        String role = optional(e, "role");
        if (role != null) {
            checkRole(e, "role", role);
        }
        return new Rule(id, idRef, score, optional(e, "score-attribute"), op, role, expressions);
    }

    private AttributeExpression attributeExpression(Element e) {
        String operation = required(e, "operation");
        if (!Set.of("lt", "gt", "lte", "gte", "eq", "ne", "defined", "not_defined").contains(operation)) {
            throw error(e, "operation '" + operation + "' is not one of lt, gt, lte, gte, eq, ne, defined, not_defined");
        }
        String value = optional(e, "value");
        if (value == null && !operation.endsWith("defined")) {
            throw error(e, "operation '" + operation + "' needs a 'value'");
        }
        String type = optional(e, "type");
        if (type != null && !Set.of("string", "integer", "number", "version").contains(type)) {
            throw error(e, "type '" + type + "' is not string, integer, number or version");
        }
        return new AttributeExpression(required(e, "id"), required(e, "attribute"), operation, value, type,
                optional(e, "value-source"));
    }

    private DateExpression dateExpression(Element e) {
        String operation = optional(e, "operation");
        if (operation == null) {
            operation = "in_range";
        }
        if (!Set.of("lt", "gt", "in_range", "date_spec").contains(operation)) {
            throw error(e, "operation '" + operation + "' is not lt, gt, in_range or date_spec");
        }
        Map<String, String> duration = null;
        Map<String, String> spec = null;
        for (Element c : children(e)) {
            switch (c.getTagName()) {
                case "duration" -> duration = attributes(c);
                case "date_spec" -> spec = attributes(c);
                default -> throw unexpected(e, c);
            }
        }
        return new DateExpression(required(e, "id"), operation, optional(e, "start"), optional(e, "end"),
                duration, spec);
    }

    // ---------------------------------------------------------------- status

    private Status status(Element e) {
        List<NodeState> nodes = new ArrayList<>();
        List<TicketState> tickets = new ArrayList<>();
        for (Element c : children(e)) {
            switch (c.getTagName()) {
                case "node_state" -> nodes.add(nodeState(c));
                case "tickets" -> {
                    for (Element t : children(c)) {
                        expect(c, t, "ticket_state");
                        required(t, "id");
                        tickets.add(new TicketState(attributes(t)));
                    }
                }
                default -> throw unexpected(e, c);
            }
        }
        return new Status(nodes, tickets);
    }

    private NodeState nodeState(Element e) {
        required(e, "id");
        List<NvSet> transientAttributes = new ArrayList<>();
        List<LrmResource> lrm = new ArrayList<>();
        boolean hasLrm = false;
        for (Element c : children(e)) {
            switch (c.getTagName()) {
                case "transient_attributes" -> {
                    for (Element set : children(c)) {
                        expect(c, set, "instance_attributes");
                        transientAttributes.add(nvSet(set));
                    }
                }
                case "lrm" -> {
                    hasLrm = true;
                    for (Element resources : children(c)) {
                        expect(c, resources, "lrm_resources");
                        for (Element r : children(resources)) {
                            expect(resources, r, "lrm_resource");
                            lrm.add(lrmResource(r));
                        }
                    }
                }
                default -> throw unexpected(e, c);
            }
        }
        return new NodeState(attributes(e), transientAttributes, hasLrm, lrm);
    }

    private LrmResource lrmResource(Element e) {
        List<LrmOp> ops = new ArrayList<>();
        for (Element c : children(e)) {
            expect(e, c, "lrm_rsc_op");
            required(c, "id");
            required(c, "operation");
            ops.add(new LrmOp(attributes(c)));
        }
        return new LrmResource(required(e, "id"), optional(e, "class"), optional(e, "provider"),
                optional(e, "type"), optional(e, "container"), ops, optional(e, "shutdown-lock"));
    }

    // ---------------------------------------------------------------- helpers

    private static XmlElement generic(Element e) {
        List<XmlElement> kids = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (org.w3c.dom.Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                kids.add(generic(c));
            } else if (n instanceof Text t) {
                text.append(t.getData());
            }
        }
        String trimmed = text.toString().trim();
        return new XmlElement(e.getTagName(), attributes(e), kids, trimmed.isEmpty() ? null : trimmed);
    }

    static List<Element> children(Element e) {
        List<Element> out = new ArrayList<>();
        for (org.w3c.dom.Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                out.add(c);
            }
        }
        return out;
    }

    private static Map<String, String> attributes(Element e) {
        NamedNodeMap map = e.getAttributes();
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < map.getLength(); i++) {
            org.w3c.dom.Node a = map.item(i);
            out.put(a.getNodeName(), a.getNodeValue());
        }
        return out;
    }

    private static String optional(Element e, String name) {
        return e.hasAttribute(name) ? e.getAttribute(name) : null;
    }

    private static String required(Element e, String name) {
        if (!e.hasAttribute(name)) {
            throw error(e, "missing attribute '" + name + "'");
        }
        String value = e.getAttribute(name);
        if (name.equals("id") && value.isBlank()) {
            throw error(e, "empty id");
        }
        return value;
    }

    private static int checkScore(Element e, String attribute, String text) {
        try {
            return Score.parse(text);
        } catch (IllegalArgumentException ex) {
            throw error(e, attribute + " '" + text + "' is not a score (an integer or [+-]INFINITY)");
        }
    }

    private static void checkRole(Element e, String attribute, String text) {
        try {
            dev.vigil.model.Role.parse(text);
        } catch (IllegalArgumentException ex) {
            throw error(e, attribute + " '" + text + "' is not a role (Stopped, Started, Unpromoted, Promoted)");
        }
    }

    private static boolean isDuration(String text) {
        try {
            dev.vigil.model.Durations.parseMillis(text);
            return true;
        } catch (IllegalArgumentException | ArithmeticException ex) {
            return false;
        }
    }

    private static void expect(Element parent, Element child, String name) {
        if (!child.getTagName().equals(name)) {
            throw unexpected(parent, child);
        }
    }

    private static CibFormatException unexpected(Element parent, Element child) {
        String hint = RESOURCE_ELEMENTS.contains(child.getTagName()) ? " (resources belong in <resources>)" : "";
        return error(parent, "unexpected element <" + child.getTagName() + ">" + hint);
    }

    private static CibFormatException error(Element e, String what) {
        return new CibFormatException(describe(e) + ": " + what);
    }

    /** {@code <primitive id="web">} or {@code <nodes>} (inside <configuration>) for messages. */
    static String describe(Element e) {
        String id = e.hasAttribute("id") ? " id=\"" + e.getAttribute("id") + "\"" : "";
        String where = "";
        if (id.isEmpty() && e.getParentNode() instanceof Element parent) {
            String parentId = parent.hasAttribute("id") ? " id=\"" + parent.getAttribute("id") + "\"" : "";
            where = " (inside <" + parent.getTagName() + parentId + ">)";
        }
        return "<" + e.getTagName() + id + ">" + where;
    }
}
