package dev.vigil.cluster.config;

import dev.vigil.model.Durations;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads {@code vigil.conf} (corosync.conf syntax) into a {@link ClusterConfig}.
 *
 * <p>Syntax: {@code name {} opens a section and {@code }} closes it, each on its own line;
 * {@code key: value} sets a key (the value is the rest of the line, trimmed); lines starting with
 * {@code #} are comments. Everything Vigil does not know, every bad value and every contradiction
 * is refused with a {@link ConfigException} whose message is {@code FILE:LINE: reason}.
 */
public final class ConfigParser {
    private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,10}");
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private static final Map<String, Set<String>> SECTION_KEYS = Map.of(
            "totem", Set.of("version", "cluster_name", "token", "token_retransmits_before_loss_const", "consensus",
                    "transport", "keyfile", "crypto_cipher", "crypto_hash"),
            "interface", Set.of("linknumber", "bindnetaddr", "mcastport"),
            "nodelist", Set.of(),
            "node", Set.of("name", "nodeid", "ring0_addr", "ring1_addr", "quorum_votes"),
            "quorum", Set.of("provider", "expected_votes", "two_node", "wait_for_all", "last_man_standing",
                    "last_man_standing_window", "auto_tie_breaker", "auto_tie_breaker_node"),
            "logging", Set.of("to_logfile", "logfile", "to_stderr", "to_syslog", "debug", "timestamp"));
    private static final Map<String, Set<String>> SUBSECTIONS = Map.of(
            "", Set.of("totem", "nodelist", "quorum", "logging"),
            "totem", Set.of("interface"),
            "nodelist", Set.of("node"));
    /** Keys corosync knows under another name, with the advice to give. */
    private static final Map<String, String> RENAMED = Map.of(
            "ringnumber", "use linknumber (corosync 3's name)",
            "secauth", "Vigil always authenticates and encrypts; remove it",
            "ring0_addr", "addresses belong in nodelist { node { ring0_addr } }");

    private final String file;
    private final Map<String, Integer> lines = new HashMap<>();
    private final List<String> notes = new ArrayList<>();
    private int lastLine;

    private ConfigParser(String file) {
        this.file = file;
    }

    /** Reads and checks the file. */
    public static ClusterConfig parse(Path file) {
        return parseWithNotes(file).config();
    }

    /** Reads and checks {@code text}; {@code fileName} is used in messages. */
    public static ClusterConfig parse(String text, String fileName) {
        return parseWithNotes(text, fileName).config();
    }

    /** Reads and checks the file, returning the notes too. */
    public static ParsedConfig parseWithNotes(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), 0, "cannot read: " + describe(e));
        }
        return parseWithNotes(text, file.toString());
    }

    /** Reads and checks {@code text}, returning the notes too. */
    public static ParsedConfig parseWithNotes(String text, String fileName) {
        ConfigParser parser = new ConfigParser(fileName);
        Section root = parser.tokenize(text);
        ClusterConfig config = parser.build(root);
        return new ParsedConfig(config, parser.notes);
    }

    private static String describe(IOException e) {
        String kind = e.getClass().getSimpleName();
        return e.getMessage() == null ? kind : kind + " " + e.getMessage();
    }

    // ---- syntax ---------------------------------------------------------------------------

    private record Entry(String key, String value, int line) {
    }

    private static final class Section {
        final String name;
        final int line;
        final Map<String, Entry> entries = new LinkedHashMap<>();
        final List<Section> sections = new ArrayList<>();

        Section(String name, int line) {
            this.name = name;
            this.line = line;
        }

        List<Section> named(String sectionName) {
            return sections.stream().filter(s -> s.name.equals(sectionName)).toList();
        }
    }

    private ConfigException error(int line, String reason) {
        return new ConfigException(file, line, reason);
    }

    private Section tokenize(String text) {
        Section root = new Section("", 0);
        List<Section> stack = new ArrayList<>();
        stack.add(root);
        String[] rawLines = text.split("\r?\n", -1);
        lastLine = Math.max(1, rawLines.length - (text.endsWith("\n") ? 1 : 0));
        for (int i = 0; i < rawLines.length; i++) {
            int lineNo = i + 1;
            String line = rawLines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Section current = stack.get(stack.size() - 1);
            if (line.equals("}")) {
                if (stack.size() == 1) {
                    throw error(lineNo, "'}' without an open section");
                }
                stack.remove(stack.size() - 1);
            } else if (line.endsWith("{")) {
                String name = line.substring(0, line.length() - 1).strip();
                if (!WORD.matcher(name).matches()) {
                    throw error(lineNo, "'" + line + "' is not a section start (expected 'name {')");
                }
                Set<String> allowed = SUBSECTIONS.getOrDefault(current.name, Set.of());
                if (!allowed.contains(name)) {
                    throw error(lineNo, unknown("section", name, current.name, allowed));
                }
                boolean repeatable = name.equals("node") || name.equals("interface");
                if (!repeatable && !current.named(name).isEmpty()) {
                    throw error(lineNo, "section '" + name + "' appears twice (first at line " + current.named(name).get(0).line + ")");
                }
                Section section = new Section(name, lineNo);
                current.sections.add(section);
                stack.add(section);
            } else {
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    throw error(lineNo, "'" + line + "' is neither 'key: value', 'section {' nor '}'");
                }
                String key = line.substring(0, colon).strip();
                String value = line.substring(colon + 1).strip();
                if (!WORD.matcher(key).matches()) {
                    throw error(lineNo, "'" + key + "' is not a key name");
                }
                Set<String> allowed = SECTION_KEYS.getOrDefault(current.name, Set.of());
                if (!allowed.contains(key)) {
                    String advice = RENAMED.get(key);
                    String where = current.name.isEmpty() ? "outside any section" : "in " + current.name;
                    throw error(lineNo, advice != null && !allowed.contains(key)
                            ? "key '" + key + "' is not valid " + where + ": " + advice
                            : unknown("key", key, current.name, allowed));
                }
                if (value.isEmpty()) {
                    throw error(lineNo, "key '" + key + "' has no value");
                }
                Entry previous = current.entries.putIfAbsent(key, new Entry(key, value, lineNo));
                if (previous != null) {
                    throw error(lineNo, "key '" + key + "' is set twice in " + current.name + " (first at line " + previous.line + ")");
                }
            }
        }
        if (stack.size() > 1) {
            Section open = stack.get(stack.size() - 1);
            throw error(lastLine, "section '" + open.name + "' opened at line " + open.line + " is not closed");
        }
        return root;
    }

    private static String unknown(String what, String name, String parent, Set<String> allowed) {
        String where = parent.isEmpty() ? "at the top level" : "in " + parent;
        String suggestion = allowed.stream()
                .filter(candidate -> editDistance(candidate, name) <= 2)
                .sorted()
                .findFirst()
                .map(c -> " (did you mean " + c + "?)")
                .orElse(allowed.isEmpty() ? "" : " (known: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
        return "unknown " + what + " '" + name + "' " + where + suggestion;
    }

    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    // ---- meaning --------------------------------------------------------------------------

    private ClusterConfig build(Section root) {
        Section totemSection = root.named("totem").stream().findFirst().orElse(null);
        if (totemSection == null) {
            throw error(lastLine, "missing totem section (it needs at least cluster_name)");
        }
        TotemConfig totem = totem(totemSection);
        List<NodeConfig> nodes = nodelist(root.named("nodelist").stream().findFirst().orElse(null));
        QuorumConfig quorum = root.named("quorum").stream().findFirst().map(this::quorum).orElse(QuorumConfig.DEFAULTS);
        LoggingConfig logging = root.named("logging").stream().findFirst().map(this::logging).orElse(LoggingConfig.DEFAULTS);
        List<ConfigChecks.Problem> problems = ConfigChecks.problems(totem, nodes, quorum, logging);
        if (!problems.isEmpty()) {
            ConfigChecks.Problem first = problems.get(0);
            throw error(lineOf(first.where()), first.reason());
        }
        return new ClusterConfig(totem, nodes, quorum, logging);
    }

    private int lineOf(String where) {
        String path = where;
        while (!path.isEmpty()) {
            Integer line = lines.get(path);
            if (line != null) {
                return line;
            }
            int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
            path = cut < 0 ? "" : path.substring(0, cut);
        }
        return lastLine;
    }

    private <T> Optional<T> value(Section section, String path, String key, Function<Entry, T> convert) {
        Entry entry = section.entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        lines.put(path + "." + key, entry.line);
        return Optional.of(convert.apply(entry));
    }

    private TotemConfig totem(Section s) {
        lines.put("totem", s.line);
        int version = value(s, "totem", "version", this::integer).orElseThrow(
                () -> error(s.line, "totem needs 'version: 2'"));
        String clusterName = value(s, "totem", "cluster_name", e -> {
            if (!TotemConfig.CLUSTER_NAME.matcher(e.value).matches()) {
                throw error(e.line, "cluster_name '" + e.value + "' is not valid (letters, digits, '_', '.', '-', at most 64)");
            }
            return e.value;
        }).orElseThrow(() -> error(s.line, "totem needs a cluster_name"));
        Duration token = value(s, "totem", "token", this::millis).orElse(TotemConfig.DEFAULT_TOKEN);
        int retransmits = value(s, "totem", "token_retransmits_before_loss_const", this::integer)
                .orElse(TotemConfig.DEFAULT_TOKEN_RETRANSMITS);
        Optional<Duration> consensus = value(s, "totem", "consensus", this::millis);
        Transport transport = value(s, "totem", "transport", this::transport).orElse(Transport.TCP);
        Path keyfile = value(s, "totem", "keyfile", e -> Path.of(e.value)).orElse(TotemConfig.DEFAULT_KEYFILE);
        CryptoCipher cipher = value(s, "totem", "crypto_cipher", this::cipher).orElse(CryptoCipher.AES256);
        CryptoHash hash = value(s, "totem", "crypto_hash", this::hash).orElse(CryptoHash.SHA256);
        List<InterfaceConfig> interfaces = new ArrayList<>();
        for (Section i : s.named("interface")) {
            interfaces.add(iface(i));
        }
        return new TotemConfig(version, clusterName, token, retransmits, consensus, transport, keyfile, cipher, hash,
                interfaces);
    }

    private InterfaceConfig iface(Section s) {
        int link = value(s, "totem.interface", "linknumber", this::integer).orElse(0);
        String path = "totem.interface[" + link + "]";
        lines.putIfAbsent(path, s.line);
        Entry linkEntry = s.entries.get("linknumber");
        if (linkEntry != null) {
            lines.putIfAbsent(path + ".linknumber", linkEntry.line);
        }
        if (link > TotemConfig.MAX_LINK) {
            throw error(linkEntry.line, "linknumber " + link + " is out of range 0.." + TotemConfig.MAX_LINK);
        }
        Optional<InetAddress> bindNetAddr = value(s, path, "bindnetaddr", this::address);
        bindNetAddr.ifPresent(a -> notes.add(file + ":" + lines.get(path + ".bindnetaddr")
                + ": bindnetaddr is not used: Vigil binds to each node's ring" + link + "_addr"));
        int port = value(s, path, "mcastport", e -> port(e)).orElse(TotemConfig.DEFAULT_PORT);
        return new InterfaceConfig(link, bindNetAddr, port);
    }

    private List<NodeConfig> nodelist(Section s) {
        if (s == null) {
            return List.of();
        }
        lines.put("nodelist", s.line);
        List<NodeConfig> nodes = new ArrayList<>();
        List<Section> nodeSections = s.named("node");
        for (int i = 0; i < nodeSections.size(); i++) {
            nodes.add(node(nodeSections.get(i), "nodelist.node[" + i + "]"));
        }
        if (nodes.size() > 1 && nodes.get(0).ring1Addr().isEmpty() != nodes.get(1).ring1Addr().isEmpty()) {
            return nodes; // ConfigChecks explains the mismatch with the line
        }
        if (!nodes.isEmpty() && nodes.get(0).ring1Addr().isPresent()) {
            notes.add(file + ":" + lines.get("nodelist.node[0].ring1_addr")
                    + ": ring1_addr is checked but not used yet: Vigil talks over ring0_addr only");
        }
        return nodes;
    }

    private NodeConfig node(Section s, String path) {
        lines.put(path, s.line);
        String name = value(s, path, "name", e -> {
            if (!NodeConfig.NAME.matcher(e.value).matches()) {
                throw error(e.line, "node name '" + e.value + "' is not valid (letters, digits, '_', '.', '-', at most 64)");
            }
            return e.value;
        }).orElseThrow(() -> error(s.line, "node needs a name"));
        int nodeId = value(s, path, "nodeid", e -> {
            int id = integer(e);
            if (id < 1) {
                throw error(e.line, "nodeid " + id + " must be positive");
            }
            return id;
        }).orElseThrow(() -> error(s.line, "node '" + name + "' needs a nodeid"));
        InetAddress ring0 = value(s, path, "ring0_addr", this::address)
                .orElseThrow(() -> error(s.line, "node '" + name + "' needs a ring0_addr"));
        Optional<InetAddress> ring1 = value(s, path, "ring1_addr", this::address);
        int votes = value(s, path, "quorum_votes", e -> {
            int v = integer(e);
            if (v > 255) {
                throw error(e.line, "quorum_votes " + v + " is out of range 0..255");
            }
            return v;
        }).orElse(1);
        return new NodeConfig(name, nodeId, ring0, ring1, votes);
    }

    private QuorumConfig quorum(Section s) {
        lines.put("quorum", s.line);
        value(s, "quorum", "provider", e -> {
            if (!e.value.equals(QuorumConfig.PROVIDER)) {
                throw error(e.line, "provider '" + e.value + "' is not supported (Vigil implements " + QuorumConfig.PROVIDER + ")");
            }
            return e.value;
        });
        Optional<Integer> expected = value(s, "quorum", "expected_votes", e -> {
            int v = integer(e);
            if (v < 1) {
                throw error(e.line, "expected_votes must be at least 1");
            }
            return v;
        });
        boolean twoNode = value(s, "quorum", "two_node", this::bool).orElse(false);
        Optional<Boolean> waitForAll = value(s, "quorum", "wait_for_all", this::bool);
        boolean lms = value(s, "quorum", "last_man_standing", this::bool).orElse(false);
        Duration window = value(s, "quorum", "last_man_standing_window", e -> {
            Duration d = millis(e);
            if (d.isZero()) {
                throw error(e.line, "last_man_standing_window must be positive");
            }
            return d;
        }).orElse(QuorumConfig.DEFAULT_LMS_WINDOW);
        boolean atb = value(s, "quorum", "auto_tie_breaker", this::bool).orElse(false);
        Optional<TieBreaker> atbNode = value(s, "quorum", "auto_tie_breaker_node", this::tieBreaker);
        return new QuorumConfig(expected, twoNode, waitForAll, lms, window, atb, atbNode);
    }

    private LoggingConfig logging(Section s) {
        lines.put("logging", s.line);
        boolean toLogfile = value(s, "logging", "to_logfile", this::bool).orElse(false);
        Optional<Path> logfile = value(s, "logging", "logfile", e -> Path.of(e.value));
        boolean toStderr = value(s, "logging", "to_stderr", this::bool).orElse(true);
        boolean toSyslog = value(s, "logging", "to_syslog", this::bool).orElse(false);
        LoggingConfig.Debug debug = value(s, "logging", "debug", e -> switch (e.value.toLowerCase(Locale.ROOT)) {
            case "on", "yes", "true", "1" -> LoggingConfig.Debug.ON;
            case "off", "no", "false", "0" -> LoggingConfig.Debug.OFF;
            case "trace" -> LoggingConfig.Debug.TRACE;
            default -> throw error(e.line, "debug: '" + e.value + "' is not on, off or trace");
        }).orElse(LoggingConfig.Debug.OFF);
        LoggingConfig.Timestamp timestamp = value(s, "logging", "timestamp", e -> switch (e.value.toLowerCase(Locale.ROOT)) {
            case "on", "yes", "true", "1" -> LoggingConfig.Timestamp.ON;
            case "off", "no", "false", "0" -> LoggingConfig.Timestamp.OFF;
            case "hires" -> LoggingConfig.Timestamp.HIRES;
            default -> throw error(e.line, "timestamp: '" + e.value + "' is not on, off or hires");
        }).orElse(LoggingConfig.Timestamp.ON);
        return new LoggingConfig(toLogfile, logfile, toStderr, toSyslog, debug, timestamp);
    }

    // ---- values ---------------------------------------------------------------------------

    private int integer(Entry e) {
        if (!DIGITS.matcher(e.value).matches()) {
            throw error(e.line, e.key + ": '" + e.value + "' is not a whole number");
        }
        long v = Long.parseLong(e.value);
        if (v > Integer.MAX_VALUE) {
            throw error(e.line, e.key + ": " + e.value + " is too large");
        }
        return (int) v;
    }

    private int port(Entry e) {
        int port = integer(e);
        if (port < 1 || port > 65535) {
            throw error(e.line, e.key + ": " + port + " is not a port (1..65535)");
        }
        return port;
    }

    /** Corosync's times are milliseconds; a unit (500ms, 2s) is accepted too. */
    private Duration millis(Entry e) {
        if (DIGITS.matcher(e.value).matches()) {
            return Duration.ofMillis(Long.parseLong(e.value));
        }
        try {
            long ms = Durations.parseMillis(e.value);
            if (ms < 0) {
                throw new IllegalArgumentException("negative");
            }
            return Duration.ofMillis(ms);
        } catch (IllegalArgumentException ex) {
            throw error(e.line, e.key + ": '" + e.value + "' is not a time (milliseconds such as 1000, or 1s, 500ms)");
        }
    }

    private boolean bool(Entry e) {
        return switch (e.value.toLowerCase(Locale.ROOT)) {
            case "1", "yes", "on", "true" -> true;
            case "0", "no", "off", "false" -> false;
            default -> throw error(e.line, e.key + ": '" + e.value + "' is not 0/1, yes/no or on/off");
        };
    }

    private InetAddress address(Entry e) {
        String v = e.value;
        if (!IPV4.matcher(v).matches() && !IPV6.matcher(v).matches()) {
            throw error(e.line, e.key + ": '" + v + "' is not an IP address (Vigil does not resolve host names here)");
        }
        try {
            return InetAddress.getByName(v);
        } catch (UnknownHostException ex) {
            throw error(e.line, e.key + ": '" + v + "' is not an IP address");
        }
    }

    private Transport transport(Entry e) {
        switch (e.value.toLowerCase(Locale.ROOT)) {
            case "tcp":
                return Transport.TCP;
            case "knet":
            case "udpu":
                notes.add(file + ":" + e.line + ": transport " + e.value
                        + ": Vigil runs unicast TCP with TLS 1.3 to each node's ring0_addr instead");
                return e.value.equalsIgnoreCase("knet") ? Transport.KNET : Transport.UDPU;
            case "udp":
                throw error(e.line, "transport udp (multicast) is not supported: use tcp, which reaches every node of "
                        + "the nodelist by unicast");
            default:
                throw error(e.line, "transport '" + e.value + "' is not one of tcp, knet, udpu");
        }
    }

    private CryptoCipher cipher(Entry e) {
        return switch (e.value.toLowerCase(Locale.ROOT)) {
            case "aes256" -> CryptoCipher.AES256;
            case "aes128" -> CryptoCipher.AES128;
            case "none" -> throw error(e.line, "crypto_cipher none is refused: Vigil always encrypts cluster traffic (aes256 or aes128)");
            case "aes192" -> throw error(e.line, "crypto_cipher aes192 is not available: TLS 1.3 has no AES-192 suite (use aes256 or aes128)");
            default -> throw error(e.line, "crypto_cipher '" + e.value + "' is not aes256 or aes128");
        };
    }

    private CryptoHash hash(Entry e) {
        return switch (e.value.toLowerCase(Locale.ROOT)) {
            case "sha256" -> CryptoHash.SHA256;
            case "sha384" -> CryptoHash.SHA384;
            case "sha512" -> CryptoHash.SHA512;
            case "none", "md5", "sha1" -> throw error(e.line, "crypto_hash " + e.value
                    + " is refused: Vigil always authenticates cluster traffic (use sha256, sha384 or sha512)");
            default -> throw error(e.line, "crypto_hash '" + e.value + "' is not sha256, sha384 or sha512");
        };
    }

    private TieBreaker tieBreaker(Entry e) {
        String v = e.value.toLowerCase(Locale.ROOT);
        if (v.equals("lowest")) {
            return TieBreaker.LOWEST;
        }
        if (v.equals("highest")) {
            return TieBreaker.HIGHEST;
        }
        List<Integer> ids = new ArrayList<>();
        for (String part : e.value.trim().split("\\s+")) {
            if (!DIGITS.matcher(part).matches() || Long.parseLong(part) < 1 || Long.parseLong(part) > Integer.MAX_VALUE) {
                throw error(e.line, "auto_tie_breaker_node: '" + e.value + "' is not lowest, highest or a list of node ids");
            }
            int id = Integer.parseInt(part);
            if (ids.contains(id)) {
                throw error(e.line, "auto_tie_breaker_node lists nodeid " + id + " twice");
            }
            ids.add(id);
        }
        return TieBreaker.list(ids);
    }
}
