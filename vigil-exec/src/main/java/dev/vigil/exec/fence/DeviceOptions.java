package dev.vigil.exec.fence;

import dev.vigil.model.Durations;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A device's Pacemaker options ({@code pcmk_*} instance attributes), parsed.
 *
 * <ul>
 * <li>{@code pcmk_host_list}: nodes the device can fence (separated by spaces, commas or semicolons)</li>
 * <li>{@code pcmk_host_map}: node-to-port map, {@code node1:port1;node2:port2} ({@code =} also works)</li>
 * <li>{@code pcmk_host_check}: {@link HostCheck}; default static-list when a list or map is set,
 *     else dynamic-list if the agent supports {@code list}, else status if it supports
 *     {@code status}, else none</li>
 * <li>{@code pcmk_host_argument}: the agent parameter that carries the port ({@code port},
 *     {@code plug}; {@code none} for none); default from the agent's meta-data</li>
 * <li>{@code pcmk_delay_base}: a fixed delay before off/reboot, or per node
 *     ({@code node1:0s;node2:5s}); {@code pcmk_delay_max}: the total delay is random between
 *     base and max</li>
 * <li>{@code pcmk_ACTION_action}, {@code pcmk_ACTION_timeout}, {@code pcmk_ACTION_retries}
 *     for ACTION in reboot, off, on, list, status, monitor: the agent action to run instead,
 *     its timeout (default stonith-timeout) and how many tries fit in that time (default 2)</li>
 * </ul>
 */
record DeviceOptions(Set<String> hostList, Map<String, String> hostMap, HostCheck hostCheck, String hostArgument,
                     Duration delayBase, Map<String, Duration> delayBaseByNode, Duration delayMax,
                     Map<String, String> raw) {
    static final int DEFAULT_RETRIES = 2;
    static final int MAX_RETRIES = 10;

    /**
     * @throws IllegalArgumentException naming the device and option when an option does not parse
     */
    static DeviceOptions of(FenceDevice device) {
        Map<String, String> p = device.params();
        try {
            Set<String> list = new LinkedHashSet<>();
            for (String host : split(p.getOrDefault("pcmk_host_list", ""))) {
                list.add(host);
            }
            Map<String, String> map = pairs(p.getOrDefault("pcmk_host_map", ""), "pcmk_host_map");
            HostCheck check = p.containsKey("pcmk_host_check") && !p.get("pcmk_host_check").isBlank()
                    ? HostCheck.parse(p.get("pcmk_host_check")) : null;
            String hostArg = blankToNull(p.get("pcmk_host_argument"));
            Duration base = Duration.ZERO;
            Map<String, Duration> baseByNode = new LinkedHashMap<>();
            String baseText = p.getOrDefault("pcmk_delay_base", "").trim();
            if (baseText.contains(":")) {
                pairs(baseText, "pcmk_delay_base").forEach((node, d) -> baseByNode.put(node, duration("pcmk_delay_base", d)));
            } else if (!baseText.isEmpty()) {
                base = duration("pcmk_delay_base", baseText);
            }
            Duration max = p.containsKey("pcmk_delay_max") ? duration("pcmk_delay_max", p.get("pcmk_delay_max")) : Duration.ZERO;
            for (String action : new String[]{"reboot", "off", "on", "list", "status", "monitor"}) {
                String t = p.get("pcmk_" + action + "_timeout");
                if (t != null && !t.isBlank() && duration("pcmk_" + action + "_timeout", t).isZero()) {
                    throw new IllegalArgumentException("pcmk_" + action + "_timeout must be positive");
                }
                String r = p.get("pcmk_" + action + "_retries");
                if (r != null && !r.isBlank()) {
                    int n = Integer.parseInt(r.trim());
                    if (n < 1 || n > MAX_RETRIES) {
                        throw new IllegalArgumentException("pcmk_" + action + "_retries must be 1.." + MAX_RETRIES + ", got " + n);
                    }
                }
            }
            return new DeviceOptions(Collections.unmodifiableSet(list), Collections.unmodifiableMap(map), check, hostArg,
                    base, Collections.unmodifiableMap(baseByNode), max, p);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("fence device '" + device.id() + "': " + e.getMessage(), e);
        }
    }

    boolean hasStaticHosts() {
        return !hostList.isEmpty() || !hostMap.isEmpty();
    }

    boolean listsStatically(String target) {
        return hostList.contains(target) || hostMap.containsKey(target);
    }

    /** The port (plug) the agent knows the node by: from pcmk_host_map, else the node name. */
    String portFor(String target) {
        return hostMap.getOrDefault(target, target);
    }

    /** The agent action to run for a requested one ({@code pcmk_reboot_action=off} and the like). */
    String agentAction(String requested) {
        String override = blankToNull(raw.get("pcmk_" + requested + "_action"));
        return override != null ? override : requested;
    }

    Duration timeout(String requested, Duration stonithTimeout) {
        String t = blankToNull(raw.get("pcmk_" + requested + "_timeout"));
        return t == null ? stonithTimeout : duration("pcmk_" + requested + "_timeout", t);
    }

    int retries(String requested) {
        String r = blankToNull(raw.get("pcmk_" + requested + "_retries"));
        return r == null ? DEFAULT_RETRIES : Integer.parseInt(r.trim());
    }

    /**
     * The delay before fencing {@code target}: base (for the node, when per node), plus a random
     * part up to {@code pcmk_delay_max} (base is capped at max when both are set).
     */
    Duration delayFor(String target, Random random) {
        Duration base = delayBaseByNode.isEmpty() ? delayBase : delayBaseByNode.getOrDefault(target, Duration.ZERO);
        if (delayMax.isZero()) {
            return base;
        }
        long maxMs = delayMax.toMillis();
        long baseMs = Math.min(base.toMillis(), maxMs);
        long spread = maxMs - baseMs;
        return Duration.ofMillis(baseMs + (spread == 0 ? 0 : (long) (random.nextDouble() * spread)));
    }

    private static Duration duration(String option, String text) {
        long ms;
        try {
            ms = Durations.parseMillis(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
        }
        if (ms < 0) {
            throw new IllegalArgumentException(option + " must not be negative: '" + text + "'");
        }
        return Duration.ofMillis(ms);
    }

    private static String[] split(String text) {
        String t = text.trim();
        return t.isEmpty() ? new String[0] : t.split("[\\s,;]+");
    }

    private static Map<String, String> pairs(String text, String option) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String entry : text.trim().isEmpty() ? new String[0] : text.trim().split("[\\s,;]+")) {
            int sep = entry.indexOf(':');
            if (sep < 0) {
                sep = entry.indexOf('=');
            }
            if (sep <= 0 || sep == entry.length() - 1) {
                throw new IllegalArgumentException(option + ": '" + entry + "' is not NODE:VALUE");
            }
            map.put(entry.substring(0, sep), entry.substring(sep + 1));
        }
        return map;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
