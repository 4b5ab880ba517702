package dev.vigil.exec.agent;

import dev.vigil.exec.AgentException;
import dev.vigil.exec.AgentMetadata;
import dev.vigil.exec.AgentSpec;
import dev.vigil.model.Durations;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses agent meta-data XML: OCF's ({@code <resource-agent>} with {@code <parameters>} and
 * {@code <actions>}) and the fence-agents dialect of it (descriptions as attributes, no lang,
 * actions without timeouts). External DTDs and entities are never loaded.
 */
public final class MetadataParser {
    private MetadataParser() {
    }

    /**
     * @throws AgentException naming the agent when the text holds no {@code resource-agent} document
     */
    public static AgentMetadata parse(AgentSpec agent, String text) {
        int start = firstOf(text, "<?xml", "<resource-agent");
        if (start < 0) {
            throw new AgentException("agent " + agent + ": meta-data output holds no <resource-agent> document");
        }
        Element root;
        try {
            Document doc = newBuilder().parse(new InputSource(new StringReader(text.substring(start))));
            root = doc.getDocumentElement();
        } catch (SAXException | IOException e) {
            throw new AgentException("agent " + agent + ": meta-data is not well-formed XML: " + e.getMessage(), e);
        }
        if (!"resource-agent".equals(root.getTagName())) {
            throw new AgentException("agent " + agent + ": meta-data root is <" + root.getTagName()
                    + ">, expected <resource-agent>");
        }
        String version = root.getAttribute("version");
        if (version.isEmpty()) {
            version = text(child(root, "version"));
        }
        String shortDesc = description(root, "shortdesc");
        String longDesc = description(root, "longdesc");
        List<AgentMetadata.Parameter> parameters = new ArrayList<>();
        for (Element p : children(child(root, "parameters"), "parameter")) {
            parameters.add(parameter(p));
        }
        List<AgentMetadata.Action> actions = new ArrayList<>();
        for (Element a : children(child(root, "actions"), "action")) {
            actions.add(new AgentMetadata.Action(a.getAttribute("name"), duration(a.getAttribute("timeout")),
                    duration(a.getAttribute("interval")), emptyToNull(a.getAttribute("role")),
                    emptyToNull(a.getAttribute("depth"))));
        }
        return new AgentMetadata(agent, root.getAttribute("name"), version, shortDesc, longDesc, parameters, actions);
    }

    private static AgentMetadata.Parameter parameter(Element p) {
        Element content = child(p, "content");
        String type = content == null ? "string" : content.getAttribute("type");
        String defaultValue = content == null || !content.hasAttribute("default") ? null : content.getAttribute("default");
        List<String> options = new ArrayList<>();
        for (Element o : children(content, "option")) {
            options.add(o.getAttribute("value"));
        }
        boolean deprecated = flag(p.getAttribute("deprecated")) || child(p, "deprecated") != null;
        return new AgentMetadata.Parameter(p.getAttribute("name"), flag(p.getAttribute("required")),
                flag(p.getAttribute("unique")), deprecated, flag(p.getAttribute("reloadable")),
                type.isEmpty() ? "string" : type, defaultValue, description(p, "shortdesc"),
                description(p, "longdesc"), options);
    }

    // The English text of a description: an element (lang="en" preferred, then none, then any)
    // or, in fence-agents' dialect, an attribute of the same name.
    private static String description(Element parent, String name) {
        Element best = null;
        for (Element e : children(parent, name)) {
            String lang = e.getAttribute("lang");
            if (lang.equals("en")) {
                best = e;
                break;
            }
            if (best == null || (lang.isEmpty() && !best.getAttribute("lang").isEmpty())) {
                best = e;
            }
        }
        if (best != null) {
            return normalize(text(best));
        }
        return normalize(parent.getAttribute(name));
    }

    private static String normalize(String s) {
        return s.strip().replaceAll("[ \\t]*\\n[ \\t]*", "\n");
    }

    private static Duration duration(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        long ms = Durations.parseMillisOr(text, -1);
        return ms < 0 ? null : Duration.ofMillis(ms);
    }

    private static boolean flag(String v) {
        return v.equals("1") || v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes");
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        if (parent == null) {
            return found;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                found.add(e);
            }
        }
        return found;
    }

    private static String text(Element e) {
        return e == null ? "" : e.getTextContent();
    }

    private static int firstOf(String text, String... markers) {
        int best = -1;
        for (String m : markers) {
            int i = text.indexOf(m);
            if (i >= 0 && (best < 0 || i < best)) {
                best = i;
            }
        }
        return best;
    }

    private static DocumentBuilder newBuilder() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            // Agents declare <!DOCTYPE resource-agent SYSTEM "ra-api-1.dtd">: allowed, never fetched.
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setNamespaceAware(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
                @Override
                public void fatalError(org.xml.sax.SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            return b;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("XML parser lacks secure settings: " + e.getMessage(), e);
        }
    }
}
