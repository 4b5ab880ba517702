package dev.vigil.cli.heartbeat;

import dev.vigil.cli.crm.CrmSyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Converts heartbeat v1's {@code haresources} into crm statements. Each line
 * {@code NODE RESOURCE…} becomes a group of its resources, started left to right, with a
 * location preference for NODE:
 * <ul>
 * <li>{@code 198.18.0.10/24/eth0} (or {@code IPaddr::…}, {@code IPaddr2::…}) → {@code ocf:heartbeat:IPaddr2}
 *     named {@code ip-ADDRESS}, with {@code ip}, {@code cidr_netmask}, {@code nic}, {@code broadcast};</li>
 * <li>{@code Filesystem::DEVICE::DIR::FSTYPE} → {@code ocf:heartbeat:Filesystem} named {@code fs-DIR};</li>
 * <li>any other word {@code NAME} → {@code lsb:NAME} named NAME (heartbeat ran /etc/init.d/NAME too).</li>
 * </ul>
 * The group is named after its first non-IP resource ({@code NAME-group}). From {@code ha.cf}:
 * {@code auto_failback on} (and heartbeat's default, {@code legacy}) becomes stickiness 0, so the
 * service returns to its preferred node; {@code off} becomes stickiness INFINITY, so it stays;
 * two nodes make {@code no-quorum-policy=ignore} (heartbeat v1 had no quorum); no
 * {@code stonith}/{@code stonith_host} directive makes {@code stonith-enabled=false}.
 */
public final class Haresources {
    /** The location preference for a line's node: strong, not mandatory, so failover still works. */
    public static final int PREFERRED_NODE_SCORE = 100;

    private static final Pattern IP = Pattern.compile("^(\\d{1,3}(?:\\.\\d{1,3}){3})(?:/(\\d{1,2}))?(?:/([A-Za-z0-9_.:-]+))?"
            + "(?:/(\\d{1,3}(?:\\.\\d{1,3}){3}))?$");

    private Haresources() {
    }

    /** The crm statements and what could not be carried over. */
    public record Conversion(List<String> statements, List<String> notes) {
        public Conversion {
            statements = List.copyOf(statements);
            notes = List.copyOf(notes);
        }

        public String text() {
            return String.join("\n", statements) + "\n";
        }
    }

    /**
     * @param haCf the ha.cf text, or null when none is given
     * @throws CrmSyntaxException naming the line of haresources that cannot be read
     */
    public static Conversion convert(String haresources, String haCf) {
        List<String> out = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<String> lines = joinContinuations(haresources);
        int lineCount = haresources.split("\r?\n", -1).length;
        int n = 0;
        for (String entry : lines) {
            n++;
            String[] numberAndText = entry.split("\t", 2);
            int line = Integer.parseInt(numberAndText[0]);
            String[] words = numberAndText[1].trim().split("\\s+");
            if (words.length < 2) {
                throw new CrmSyntaxException(line, "haresources: expected 'NODE RESOURCE…', got '" + numberAndText[1].trim() + "'");
            }
            String node = words[0];
            List<String> members = new ArrayList<>();
            String groupBase = null;
            for (int i = 1; i < words.length; i++) {
                Resource r = resource(line, words[i]);
                out.add(r.statement());
                members.add(r.id());
                if (groupBase == null && !r.isIp()) {
                    groupBase = r.id();
                }
            }
            String group = (groupBase == null ? "ip" : groupBase) + "-group";
            out.add("group " + group + " " + String.join(" ", members));
            // the id 'vigil constraint location GROUP prefers NODE=100' would give it
            out.add("location location-" + group + "-" + node + "-" + PREFERRED_NODE_SCORE + " " + group + " "
                    + PREFERRED_NODE_SCORE + ": " + node);
        }
        if (n == 0) {
            throw new CrmSyntaxException(Math.max(1, lineCount), "haresources: no resource line found");
        }
        if (haCf != null) {
            haCf(haCf, out, notes);
        }
        return new Conversion(out, notes);
    }

    /** One converted resource: its id and its crm statement. */
    private record Resource(String id, String statement, boolean isIp) {
    }

    private static Resource resource(int line, String word) {
        String[] parts = word.split("::");
        String type = parts.length > 1 ? parts[0] : null;
        if (type == null || type.equals("IPaddr") || type.equals("IPaddr2")) {
            String spec = type == null ? word : parts[1];
            Matcher m = IP.matcher(spec);
            if (m.matches()) {
                if (type != null && parts.length > 2) {
                    throw new CrmSyntaxException(line, "haresources: '" + word + "' has more parts than IPaddr takes");
                }
                return ip(line, m);
            }
            if (type != null) {
                throw new CrmSyntaxException(line, "haresources: '" + spec + "' is not ADDRESS[/NETMASK[/NIC[/BROADCAST]]]");
            }
            if (spec.matches("[\\d./]+")) {
                throw new CrmSyntaxException(line, "haresources: '" + spec + "' looks like an address but is not "
                        + "ADDRESS[/NETMASK[/NIC[/BROADCAST]]]");
            }
            return script(line, word, List.of());
        }
        if (type.equals("Filesystem")) {
            if (parts.length < 3 || parts.length > 5) {
                throw new CrmSyntaxException(line, "haresources: expected Filesystem::DEVICE::DIRECTORY[::FSTYPE[::OPTIONS]], "
                        + "got '" + word + "'");
            }
            String id = "fs" + parts[2].replaceAll("[^A-Za-z0-9_.-]", "-").replaceAll("-+$", "");
            if (id.equals("fs")) {
                id = "fs-root";
            }
            StringBuilder s = new StringBuilder("primitive " + id + " ocf:heartbeat:Filesystem params device=" + quote(parts[1])
                    + " directory=" + quote(parts[2]));
            if (parts.length > 3) {
                s.append(" fstype=").append(quote(parts[3]));
            }
            if (parts.length > 4) {
                s.append(" options=").append(quote(parts[4]));
            }
            s.append(" op monitor interval=20s timeout=40s");
            return new Resource(id, s.toString(), false);
        }
        return script(line, type, List.of(parts).subList(1, parts.length));
    }

    private static Resource ip(int line, Matcher m) {
        String address = m.group(1);
        for (String octet : address.split("\\.")) {
            if (Integer.parseInt(octet) > 255) {
                throw new CrmSyntaxException(line, "haresources: '" + address + "' is not an IPv4 address");
            }
        }
        String id = "ip-" + address;
        StringBuilder s = new StringBuilder("primitive " + id + " ocf:heartbeat:IPaddr2 params ip=" + address);
        if (m.group(2) != null) {
            int bits = Integer.parseInt(m.group(2));
            if (bits > 32) {
                throw new CrmSyntaxException(line, "haresources: netmask /" + bits + " of " + address + " is more than 32 bits");
            }
            s.append(" cidr_netmask=").append(bits);
        }
        if (m.group(3) != null) {
            s.append(" nic=").append(m.group(3));
        }
        if (m.group(4) != null) {
            s.append(" broadcast=").append(m.group(4));
        }
        s.append(" op monitor interval=10s timeout=20s");
        return new Resource(id, s.toString(), true);
    }

    private static Resource script(int line, String name, List<String> args) {
        if (!args.isEmpty()) {
            throw new CrmSyntaxException(line, "haresources: '" + name + "::" + String.join("::", args) + "' passes "
                    + "arguments to an init script; LSB scripts take none: write an OCF agent or a wrapper script");
        }
        if (!name.matches("[A-Za-z_][A-Za-z0-9_.-]*")) {
            throw new CrmSyntaxException(line, "haresources: '" + name + "' is not a script name");
        }
        return new Resource(name, "primitive " + name + " lsb:" + name + " op monitor interval=15s timeout=15s", false);
    }

    private static String quote(String value) {
        return value.matches("[^\\s\"']*") ? value : "\"" + value.replace("\"", "") + "\"";
    }

    /** Lines with their numbers ("N\ttext"), comments and blanks dropped, '\' continuations joined. */
    private static List<String> joinContinuations(String text) {
        List<String> out = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        StringBuilder pending = new StringBuilder();
        int start = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash);
            }
            if (pending.length() == 0) {
                start = i + 1;
            }
            String stripped = line.stripTrailing();
            if (stripped.endsWith("\\")) {
                pending.append(stripped, 0, stripped.length() - 1).append(' ');
                continue;
            }
            pending.append(line);
            if (!pending.toString().isBlank()) {
                out.add(start + "\t" + pending);
            }
            pending.setLength(0);
        }
        return out;
    }

    private static void haCf(String text, List<String> out, List<String> notes) {
        Map<String, String> directives = new LinkedHashMap<>();
        List<String> nodes = new ArrayList<>();
        boolean stonith = false;
        for (String raw : text.split("\r?\n")) {
            String line = raw.replaceFirst("#.*", "").trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] kv = line.split("\\s+", 2);
            String key = kv[0].toLowerCase(Locale.ROOT);
            String value = kv.length > 1 ? kv[1].trim() : "";
            switch (key) {
                case "node" -> nodes.addAll(List.of(value.split("\\s+")));
                case "stonith", "stonith_host" -> stonith = true;
                default -> directives.put(key, value);
            }
        }
        String failback = directives.getOrDefault("auto_failback", "legacy").toLowerCase(Locale.ROOT);
        switch (failback) {
            case "on", "legacy" -> out.add("rsc_defaults resource-stickiness=0");
            case "off" -> out.add("rsc_defaults resource-stickiness=INFINITY");
            default -> throw new CrmSyntaxException(1, "ha.cf: auto_failback must be on, off or legacy, not '" + failback + "'");
        }
        if (nodes.size() == 2) {
            out.add("property no-quorum-policy=ignore");
        }
        if (!stonith) {
            out.add("property stonith-enabled=false");
        } else {
            notes.add("ha.cf configures STONITH devices: create them with 'vigil stonith create' (not converted)");
        }
        for (String ignored : List.of("keepalive", "deadtime", "warntime", "initdead", "udpport", "bcast", "mcast",
                "ucast", "serial", "baud")) {
            if (directives.containsKey(ignored)) {
                notes.add("ha.cf '" + ignored + "' is a membership setting: set it in vigil.conf (not converted)");
            }
        }
    }
}
