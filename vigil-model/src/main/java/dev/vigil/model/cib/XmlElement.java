package dev.vigil.model.cib;

import java.util.List;
import java.util.Map;

/**
 * A generic element, for parts of the CIB that Vigil keeps as data without giving them their
 * own types (ACLs, alerts, bundle container and network settings). Attributes keep document
 * order; {@code text} is the element's own text, or null.
 */
public record XmlElement(String name, Map<String, String> attributes, List<XmlElement> children,
                         String text) {
    public XmlElement {
        attributes = Attrs.copy(attributes);
        children = List.copyOf(children);
    }

    public String attribute(String attributeName) {
        return attributes.get(attributeName);
    }

    public List<XmlElement> children(String childName) {
        return children.stream().filter(c -> c.name.equals(childName)).toList();
    }
}
