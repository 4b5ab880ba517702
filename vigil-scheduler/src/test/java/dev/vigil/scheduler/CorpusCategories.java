package dev.vigil.scheduler;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Feature categories of a corpus input, as the corpus' own scoring script defines them. */
final class CorpusCategories {
    private CorpusCategories() {
    }

    static Set<String> of(Path xml) throws IOException {
        Set<String> cats = new TreeSet<>();
        Document doc;
        try {
            doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
        } catch (Exception e) {
            cats.add("unparsable");
            return cats;
        }
        Element root = doc.getDocumentElement();
        Element conf = first(root, "configuration");
        Element status = first(root, "status");
        boolean group = any(conf, "group");
        boolean bundle = any(conf, "bundle");
        boolean promotable = any(conf, "master");
        boolean plainClone = false;
        for (Element c : all(conf, "clone")) {
            boolean p = false;
            for (Element nv : all(c, "nvpair")) {
                if ("promotable".equals(nv.getAttribute("name")) && isTrue(nv.getAttribute("value"))
                        && nv.getParentNode() != null && ((Element) nv.getParentNode()).getTagName().equals("meta_attributes")
                        && nv.getParentNode().getParentNode() == c) {
                    p = true;
                }
            }
            if (p) {
                promotable = true;
            } else {
                plainClone = true;
            }
        }
        if (group) {
            cats.add("group");
        }
        if (plainClone) {
            cats.add("clone");
        }
        if (promotable) {
            cats.add("promotable");
        }
        if (bundle) {
            cats.add("bundle");
        }
        if (!group && !plainClone && !promotable && !bundle) {
            cats.add("primitives-only");
        }
        boolean remote = false;
        boolean fencingDevice = false;
        for (Element p : all(conf, "primitive")) {
            if ("ocf".equals(p.getAttribute("class")) && "pacemaker".equals(p.getAttribute("provider"))
                    && "remote".equals(p.getAttribute("type"))) {
                remote = true;
            }
            if ("stonith".equals(p.getAttribute("class"))) {
                fencingDevice = true;
            }
        }
        if (!nvValues(conf, "remote-node").isEmpty()) {
            remote = true;
        }
        for (Element n : all(conf, "node")) {
            if ("remote".equals(n.getAttribute("type"))) {
                remote = true;
            }
        }
        for (Element n : all(status, "node_state")) {
            if ("true".equals(n.getAttribute("remote_node"))) {
                remote = true;
            }
        }
        if (remote) {
            cats.add("remote-guest");
        }
        if (fencingDevice) {
            cats.add("fencing-device");
        }
        if (any(conf, "fencing-topology")) {
            cats.add("fencing-topology");
        }
        boolean migration = nvValues(conf, "allow-migrate").stream().anyMatch(CorpusCategories::isTrue);
        for (Element o : all(status, "lrm_rsc_op")) {
            String op = o.getAttribute("operation");
            if (op.equals("migrate_to") || op.equals("migrate_from")) {
                migration = true;
            }
        }
        if (migration) {
            cats.add("migration");
        }
        if (any(conf, "rsc_ticket") || any(status, "tickets")) {
            cats.add("ticket");
        }
        if (any(conf, "utilization") || nvValues(conf, "placement-strategy").stream().anyMatch(v -> !v.equals("default"))) {
            cats.add("utilization");
        }
        if (any(conf, "rule")) {
            cats.add("rules");
        }
        if (any(conf, "date_expression") || any(conf, "date_spec")) {
            cats.add("date-expression");
        }
        if (any(conf, "resource_set")) {
            cats.add("resource-sets");
        }
        if (any(conf, "rsc_location")) {
            cats.add("location");
        }
        if (any(conf, "rsc_colocation")) {
            cats.add("colocation");
        }
        if (any(conf, "rsc_order")) {
            cats.add("order");
        }
        if (failedOps(status) || !nvValues(conf, "migration-threshold").isEmpty()
                || nvNames(status).stream().anyMatch(n -> n.startsWith("fail-count"))) {
            cats.add("failed-ops");
        }
        List<String> maint = new ArrayList<>(nvValues(conf, "maintenance-mode"));
        maint.addAll(nvValues(conf, "maintenance"));
        maint.addAll(nvValues(status, "maintenance"));
        List<String> managed = new ArrayList<>(nvValues(conf, "is-managed"));
        managed.addAll(nvValues(conf, "is-managed-default"));
        if (maint.stream().anyMatch(CorpusCategories::isTrue)
                || managed.stream().anyMatch(v -> Set.of("false", "off", "no", "0").contains(v.trim().toLowerCase(Locale.ROOT)))) {
            cats.add("maintenance-unmanaged");
        }
        List<String> standby = new ArrayList<>(nvValues(conf, "standby"));
        standby.addAll(nvValues(status, "standby"));
        if (standby.stream().anyMatch(CorpusCategories::isTrue)) {
            cats.add("standby");
        }
        if (nvValues(status, "shutdown").stream().anyMatch(v -> !v.isEmpty() && !v.equals("0"))) {
            cats.add("shutdown");
        }
        if (nvValues(conf, "notify").stream().anyMatch(CorpusCategories::isTrue)) {
            cats.add("notify");
        }
        if (any(conf, "template") || any(conf, "tags")) {
            cats.add("template-tags");
        }
        return cats;
    }

    private static boolean failedOps(Element status) {
        for (Element o : all(status, "lrm_rsc_op")) {
            if (o.getAttribute("id").contains("_last_failure_")) {
                return true;
            }
            String st = o.hasAttribute("op-status") ? o.getAttribute("op-status") : null;
            String rc = o.hasAttribute("rc-code") ? o.getAttribute("rc-code") : null;
            if (st != null && !Set.of("0", "-1", "1").contains(st)) {
                return true;
            }
            if (rc != null && (st == null || st.equals("0"))) {
                if (!Set.of("0", "7", "8").contains(rc)) {
                    return true;
                }
                String interval = o.hasAttribute("interval") ? o.getAttribute("interval") : "0";
                if (rc.equals("7") && !(o.getAttribute("operation").equals("monitor")
                        && (interval.equals("0") || interval.equals("0ms")))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isTrue(String v) {
        return v != null && Set.of("true", "on", "yes", "y", "1").contains(v.trim().toLowerCase(Locale.ROOT));
    }

    private static Element first(Element e, String tag) {
        NodeList l = e.getElementsByTagName(tag);
        return l.getLength() == 0 ? e.getOwnerDocument().createElement("empty") : (Element) l.item(0);
    }

    private static boolean any(Element e, String tag) {
        return e.getElementsByTagName(tag).getLength() > 0;
    }

    private static List<Element> all(Element e, String tag) {
        List<Element> out = new ArrayList<>();
        NodeList l = e.getElementsByTagName(tag);
        for (int i = 0; i < l.getLength(); i++) {
            out.add((Element) l.item(i));
        }
        return out;
    }

    private static List<String> nvValues(Element e, String name) {
        List<String> out = new ArrayList<>();
        for (Element nv : all(e, "nvpair")) {
            if (name.equals(nv.getAttribute("name"))) {
                out.add(nv.getAttribute("value"));
            }
        }
        return out;
    }

    private static List<String> nvNames(Element e) {
        List<String> out = new ArrayList<>();
        for (Element nv : all(e, "nvpair")) {
            out.add(nv.getAttribute("name"));
        }
        return out;
    }
}
