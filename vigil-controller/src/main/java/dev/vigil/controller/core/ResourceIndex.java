package dev.vigil.controller.core;

import dev.vigil.model.cib.Clone;
import dev.vigil.model.cib.Configuration;
import dev.vigil.model.cib.NvPair;
import dev.vigil.model.cib.NvSet;
import dev.vigil.model.cib.Primitive;
import dev.vigil.model.cib.Resource;
import dev.vigil.model.cib.Template;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The configured primitives by id, with what the controller needs to run them: the agent
 * (templates resolved), the enclosing clone and whether it is globally unique, and the meta
 * attributes (rsc_defaults, then enclosing group/clone, then the primitive's own; sets with
 * rules are skipped: rule-dependent meta attributes are the scheduler's business).
 */
public final class ResourceIndex {
    /** One primitive. {@code meta} is the merged view described above. */
    public record Info(String id, String agentClass, String provider, String type, String cloneId,
                       boolean globallyUnique, Map<String, String> meta) {
        public Info {
            meta = java.util.Collections.unmodifiableMap(new TreeMap<>(meta));
        }

        public boolean isFenceDevice() {
            return "stonith".equals(agentClass);
        }
    }

    private final Map<String, Info> byId = new TreeMap<>();
    private final List<Primitive> fenceDevices = new ArrayList<>();

    public ResourceIndex(Configuration config) {
        Map<String, String> defaults = plainPairs(config.rscDefaults());
        Map<String, Template> templates = new LinkedHashMap<>();
        for (Template t : config.templates()) {
            templates.put(t.id(), t);
        }
        for (Resource r : config.resources()) {
            add(r, defaults, null, false, templates);
        }
    }

    private void add(Resource r, Map<String, String> inherited, String cloneId, boolean unique,
                     Map<String, Template> templates) {
        Map<String, String> meta = new LinkedHashMap<>(inherited);
        meta.putAll(plainPairs(r.metaAttributes()));
        if (r instanceof Clone c) {
            boolean globallyUnique = "true".equalsIgnoreCase(meta.getOrDefault("globally-unique", "false"));
            add(c.child(), meta, c.id(), globallyUnique, templates);
            return;
        }
        if (r instanceof Primitive p) {
            String cls = p.agentClass();
            String provider = p.provider();
            String type = p.type();
            if (p.template() != null && templates.containsKey(p.template())) {
                Template t = templates.get(p.template());
                Map<String, String> withTemplate = new LinkedHashMap<>(inherited);
                withTemplate.putAll(plainPairs(t.metaAttributes()));
                withTemplate.putAll(plainPairs(p.metaAttributes()));
                meta = withTemplate;
                cls = cls == null ? t.agentClass() : cls;
                provider = provider == null ? t.provider() : provider;
                type = type == null ? t.type() : type;
            }
            Info info = new Info(p.id(), cls, provider, type, cloneId, unique, meta);
            byId.put(p.id(), info);
            if (info.isFenceDevice()) {
                fenceDevices.add(p);
            }
            return;
        }
        for (Resource child : r.children()) {
            add(child, meta, cloneId, unique, templates);
        }
    }

    /**
     * The primitive a graph or history id names: {@code web}, or a clone instance {@code web:2}
     * (looked up without its instance number); null when it is not configured.
     */
    public Info lookup(String id) {
        Info direct = byId.get(id);
        if (direct != null) {
            return direct;
        }
        int colon = id.lastIndexOf(':');
        if (colon > 0 && id.substring(colon + 1).chars().allMatch(Character::isDigit)) {
            return byId.get(id.substring(0, colon));
        }
        return null;
    }

    /**
     * The id under which the executor runs a graph resource and its history is kept: instances of
     * an anonymous clone use the primitive's id (there is one per node), unique ones keep theirs.
     */
    public String historyId(String graphId) {
        Info info = lookup(graphId);
        if (info != null && info.cloneId() != null && !info.globallyUnique()) {
            return info.id();
        }
        return graphId;
    }

    /** Configured fence devices ({@code stonith:} primitives), in configuration order. */
    public List<Primitive> fenceDevices() {
        return List.copyOf(fenceDevices);
    }

    /** Every configured primitive, by id. */
    public Map<String, Info> all() {
        return java.util.Collections.unmodifiableMap(byId);
    }

    /** The pairs of sets without rules, later ones winning (rule-based sets are not evaluated here). */
    static Map<String, String> plainPairs(List<NvSet> sets) {
        Map<String, String> out = new LinkedHashMap<>();
        for (NvSet set : sets) {
            if (!set.rules().isEmpty()) {
                continue;
            }
            for (NvPair p : set.pairs()) {
                if (p.name() != null && p.value() != null) {
                    out.put(p.name(), p.value());
                }
            }
        }
        return out;
    }
}
