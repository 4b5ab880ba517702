package dev.vigil.model.cib;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A whole CIB document: the root attributes ({@code epoch}, {@code have-quorum},
 * {@code dc-uuid}, {@code execution-date}…) in document order, the configuration and the status.
 */
public record Cib(Map<String, String> attributes, Configuration configuration, Status status) {
    public Cib {
        attributes = Attrs.copy(attributes);
    }

    public String get(String name) {
        return attributes.get(name);
    }

    public CibVersion version() {
        return new CibVersion(longAttr("admin_epoch"), longAttr("epoch"), longAttr("num_updates"));
    }

    public Cib withVersion(CibVersion v) {
        var copy = new LinkedHashMap<>(attributes);
        copy.put("admin_epoch", Long.toString(v.adminEpoch()));
        copy.put("epoch", Long.toString(v.epoch()));
        copy.put("num_updates", Long.toString(v.numUpdates()));
        return new Cib(copy, configuration, status);
    }

    public Cib withAttribute(String name, String value) {
        var copy = new LinkedHashMap<>(attributes);
        if (value == null) {
            copy.remove(name);
        } else {
            copy.put(name, value);
        }
        return new Cib(copy, configuration, status);
    }

    public Cib withConfiguration(Configuration newConfiguration) {
        return new Cib(attributes, newConfiguration, status);
    }

    public Cib withStatus(Status newStatus) {
        return new Cib(attributes, configuration, newStatus);
    }

    private long longAttr(String name) {
        String v = attributes.get(name);
        if (v == null || v.isBlank()) {
            return 0;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
