package dev.vigil.scheduler;

import dev.vigil.model.cib.Bundle;
import dev.vigil.model.cib.Clone;
import dev.vigil.model.cib.NvPair;
import dev.vigil.model.cib.NvSet;
import dev.vigil.model.cib.Operation;
import dev.vigil.model.cib.Operations;
import dev.vigil.model.cib.Primitive;
import dev.vigil.model.cib.XmlElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Bundles: a number of replicas, each a container (docker, podman or rkt) with an optional IP
 * address and, when the bundle holds a primitive, a guest node (the container's remote
 * connection) on which one instance of that primitive runs. The instances form an implicit
 * clone ({@code B-clone}, or {@code B-master} when promotable) inside the bundle.
 */
final class Bundles {
    /** The port pacemaker-remoted listens on, unless the bundle says otherwise. */
    private static final String DEFAULT_CONTROL_PORT = "3121";

    private Bundles() {
    }

    /** The bundle's settings, as configured. */
    record Spec(String agent, String image, int replicas, int replicasPerHost, int promotedMax,
                String ipRangeStart, String hostNetmask, String hostInterface, String controlPort) {
    }

    /** One replica: its resources (null where the bundle has none) and its guest node. */
    static final class Replica {
        final int index;
        final String ipAddress;
        Rsc ip;
        Rsc container;
        Rsc remote;
        Rsc child;
        SNode node;

        Replica(int index, String ipAddress) {
            this.index = index;
            this.ipAddress = ipAddress;
        }
    }

    static Spec spec(Bundle b) {
        XmlElement c = b.container();
        XmlElement net = b.network();
        int promotedMax = intAttr(c, "promoted-max", intAttr(c, "masters", 0));
        int replicas = intAttr(c, "replicas", Math.max(promotedMax, 1));
        int perHost = intAttr(c, "replicas-per-host", 1);
        String ipStart = net == null ? null : net.attribute("ip-range-start");
        String netmask = net == null || net.attribute("host-netmask") == null ? "32" : net.attribute("host-netmask");
        String iface = net == null ? null : net.attribute("host-interface");
        String port = net == null || net.attribute("control-port") == null ? DEFAULT_CONTROL_PORT
                : net.attribute("control-port");
        return new Spec(c.name(), c.attribute("image"), replicas, perHost, promotedMax, ipStart, netmask, iface, port);
    }

    private static int intAttr(XmlElement e, String name, int fallback) {
        String v = e.attribute(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException ex) {
            return fallback;
        }
    }

    /** Builds the bundle's implicit clone and its replicas' resources. */
    static void unpack(Cluster cluster, Rsc bundle, Bundle b) {
        Spec spec = spec(b);
        bundle.bundleSpec = spec;
        if (b.primitive() != null) {
            bundle.bundledClone = Unpacker.build(cluster, implicitClone(b, spec), bundle, null);
            for (Rsc instance : bundle.bundledClone.children) {
                // The clone notifies when the bundled primitive wants notifications.
                bundle.bundledClone.notify |= instance.notify;
            }
        }
        for (int i = 0; i < spec.replicas(); i++) {
            Replica replica = new Replica(i, ipAddress(spec.ipRangeStart(), i));
            bundle.replicas.add(replica);
            if (bundle.bundledClone != null && i < bundle.bundledClone.children.size()) {
                replica.child = bundle.bundledClone.children.get(i);
            }
            replica.container = add(cluster, bundle, containerConfig(b, spec, i));
            if (replica.ipAddress != null) {
                replica.ip = add(cluster, bundle, ipConfig(b, spec, replica.ipAddress));
            }
            if (replica.child != null) {
                replica.remote = add(cluster, bundle, connectionConfig(b, spec, replica));
                replica.node = RemoteNodes.addNode(cluster, replica.remote.id, SNode.Kind.GUEST);
                replica.node.bundleNode = true;
            }
        }
    }

    private static Rsc add(Cluster cluster, Rsc bundle, Primitive config) {
        Rsc rsc = Unpacker.build(cluster, config, bundle, null);
        bundle.children.add(rsc);
        return rsc;
    }

    /** The clone of the bundled primitive: one ordered instance per replica. */
    private static Clone implicitClone(Bundle b, Spec spec) {
        String id = b.id() + (spec.promotedMax() > 0 ? "-master" : "-clone");
        List<NvPair> meta = new ArrayList<>();
        meta.add(NvPair.of(id + "-ordered", "ordered", "true"));
        meta.add(NvPair.of(id + "-clone-max", "clone-max", Integer.toString(spec.replicas())));
        meta.add(NvPair.of(id + "-clone-node-max", "clone-node-max", Integer.toString(spec.replicasPerHost())));
        meta.add(NvPair.of(id + "-unique", "globally-unique", Boolean.toString(spec.replicasPerHost() > 1)));
        if (spec.promotedMax() > 0) {
            meta.add(NvPair.of(id + "-promotable", "promotable", "true"));
            meta.add(NvPair.of(id + "-promoted-max", "promoted-max", Integer.toString(spec.promotedMax())));
        }
        return new Clone(id, null, List.of(NvSet.of(id + "-meta", meta)), List.of(), b.primitive(), false);
    }

    private static Primitive containerConfig(Bundle b, Spec spec, int index) {
        String id = b.id() + "-" + spec.agent() + "-" + index;
        List<NvPair> params = new ArrayList<>();
        params.add(NvPair.of(id + "-image", "image", spec.image()));
        params.add(NvPair.of(id + "-name", "name", id));
        return primitive(id, "heartbeat", spec.agent(), params, List.of(), "60s");
    }

    private static Primitive ipConfig(Bundle b, Spec spec, String address) {
        String id = b.id() + "-ip-" + address;
        List<NvPair> params = new ArrayList<>();
        params.add(NvPair.of(id + "-ip", "ip", address));
        if (spec.hostInterface() != null) {
            params.add(NvPair.of(id + "-nic", "nic", spec.hostInterface()));
        }
        params.add(NvPair.of(id + "-cidr", "cidr_netmask", spec.hostNetmask()));
        return primitive(id, "heartbeat", "IPaddr2", params, List.of(), "60s");
    }

    /** The replica's connection: to its IP address, or to whatever host runs the container. */
    private static Primitive connectionConfig(Bundle b, Spec spec, Replica replica) {
        String id = b.id() + "-" + replica.index;
        List<NvPair> params = new ArrayList<>();
        params.add(NvPair.of(id + "-addr", "addr", replica.ipAddress != null ? replica.ipAddress : "#uname"));
        params.add(NvPair.of(id + "-port", "port", spec.controlPort()));
        List<NvPair> meta = List.of(NvPair.of(id + "-container", "container", replica.container.id));
        return primitive(id, "pacemaker", "remote", params, meta, "30s");
    }

    private static Primitive primitive(String id, String provider, String type, List<NvPair> params,
                                       List<NvPair> meta, String monitorInterval) {
        Operation monitor = new Operation(id + "-monitor-" + monitorInterval, null, "monitor", monitorInterval, null,
                Map.of(), List.of(), List.of());
        return new Primitive(id, null, "ocf", provider, type, null, List.of(NvSet.of(id + "-instance_attributes", params)),
                meta.isEmpty() ? List.of() : List.of(NvSet.of(id + "-meta_attributes", meta)), List.of(),
                new Operations(null, null, List.of(monitor)));
    }

    /** The replica's IPv4 address: the range start plus the replica's index. */
    static String ipAddress(String start, int offset) {
        if (start == null) {
            return null;
        }
        String[] parts = start.trim().split("\\.");
        if (parts.length != 4) {
            return null;
        }
        long value = 0;
        try {
            for (String p : parts) {
                value = value * 256 + Integer.parseInt(p);
            }
        } catch (NumberFormatException e) {
            return null;
        }
        value += offset;
        return ((value >> 24) & 255) + "." + ((value >> 16) & 255) + "." + ((value >> 8) & 255) + "." + (value & 255);
    }

    /** Is {@code rsc} the instance that runs on this bundle guest node? */
    static boolean runsOn(Rsc rsc, SNode bundleNode) {
        Replica replica = replicaOf(rsc);
        return replica != null && replica.child == rsc && replica.node == bundleNode;
    }

    /** The replica whose resource (container, IP, connection or child) this is, or null. */
    static Replica replicaOf(Rsc rsc) {
        Rsc bundle = rsc.enclosingBundle();
        if (bundle == null) {
            return null;
        }
        for (Replica r : bundle.replicas) {
            if (r.container == rsc || r.ip == rsc || r.remote == rsc || r.child == rsc) {
                return r;
            }
        }
        return null;
    }
}
