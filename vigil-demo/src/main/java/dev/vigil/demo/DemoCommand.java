package dev.vigil.demo;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vigil demo}: a three-node cluster on this machine, a service that fails over, and a
 * running commentary until Ctrl-C. Everything lives in one temporary directory, removed on exit.
 *
 * <p>For scripts, the first lines are {@code node NAME pid PID socket PATH} (one per node, and
 * again whenever the demo restarts a node) and {@code service URL} once the service answers.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Start a three-node cluster on this machine (loopback addresses 127.0.0.1-3, no root "
                + "needed) running a demo web service on a floating loopback address, and show what happens "
                + "until Ctrl-C.",
                "Kill a node with kill -9 to watch it being fenced and the service moving; the demo starts "
                        + "lost nodes again, like a reboot."})
public final class DemoCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private static final Duration FORM_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration SERVICE_TIMEOUT = Duration.ofSeconds(60);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--nodes", paramLabel = "N", description = "how many nodes (default: ${DEFAULT-VALUE})",
            defaultValue = "3")
    int nodes;

    @Option(names = "--ip", paramLabel = "ADDRESS", description = "the service's floating loopback address "
            + "(default: ${DEFAULT-VALUE})", defaultValue = "127.0.0.50")
    String ip;

    @Option(names = "--port", paramLabel = "PORT", description = "the service's port; the next free one up to "
            + "PORT+19 if it is taken (default: ${DEFAULT-VALUE})", defaultValue = "8080")
    int port;

    @Option(names = "--reboot-after", paramLabel = "SECONDS", description = "start a lost node again after this "
            + "long, as a reboot would; 0: never (default: ${DEFAULT-VALUE})", defaultValue = "5")
    double rebootAfterSeconds;

    @Option(names = "--keep", description = "keep the demo's directory (logs, CIBs) after exit")
    boolean keep;

    /** Set when Ctrl-C arrives: the commentary stops before the cluster is taken down. */
    private volatile boolean stopping;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (nodes < 1 || nodes > 9) {
            err.println("vigil demo: --nodes must be 1 to 9, not " + nodes);
            return 2;
        }
        Integer servicePort = freeServicePort();
        if (servicePort == null) {
            err.println("vigil demo: " + ip + ":" + port + " to " + (port + 19) + " are all taken; give --port");
            return 1;
        }
        if (keep) {
            System.setProperty("vigil.demo.keep", "true");
        }
        LocalCluster cluster = LocalCluster.create("demo", nodes, LocalCluster.vigilHome(), LocalCluster.currentClasspath());
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stopping = true;
            synchronized (out) {
                out.println();
                out.println(stamp() + "stopping the demo cluster" + (keep ? " (keeping " + cluster.dir() + ")"
                        : " and removing " + cluster.dir()));
                out.flush();
            }
            cluster.close();
            stopped.countDown();
        }, "vigil-demo-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return run(cluster, servicePort, out);
        } catch (RuntimeException e) {
            err.println("vigil demo: " + e.getMessage());
            return 1;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
                cluster.close();
            } catch (IllegalStateException e) {
                // already shutting down: the hook cleans up
                stopped.await();
            }
        }
    }

    private int run(LocalCluster cluster, int servicePort, PrintWriter out) throws Exception {
        out.println("vigil demo: a " + nodes + "-node cluster on this machine, in " + cluster.dir());
        out.flush();
        cluster.start();
        for (String n : cluster.names()) {
            printNode(cluster, n, out);
        }
        String dc = cluster.awaitFormed(FORM_TIMEOUT);
        out.println(stamp() + "cluster formed: " + String.join(" ", cluster.names()) + ", DC " + dc);
        cluster.replaceConfiguration(dc, DemoCib.demo(cluster.pidDir(), cluster.names(), ip, servicePort));
        String url = "http://" + ip + ":" + servicePort + "/";
        out.println(stamp() + "configured: fencing with fence_vigil, service web (ocf:vigil:http) on " + url);
        out.flush();
        String answer = awaitService(servicePort);
        out.println("service " + url);
        out.println();
        out.println("Try, in another terminal:");
        out.println("  curl " + url + "            # answers with the name of the node serving it (" + answer + ")");
        out.println("  " + launcher() + " cluster status --socket " + cluster.node(answer).socket());
        out.println("  kill -9 " + cluster.node(answer).pid() + "                      # kill " + answer
                + ": it is fenced and web moves to another node");
        out.println("Ctrl-C stops the demo and removes " + cluster.dir() + ".");
        out.println();
        out.flush();
        watch(cluster, servicePort, out);
        return 0;
    }

    /** Shows changes until the JVM is stopped (Ctrl-C); restarts lost nodes after a while. */
    private void watch(LocalCluster cluster, int servicePort, PrintWriter out) throws Exception {
        ClusterWatch last = null;
        Map<String, Long> lostAt = new TreeMap<>();
        while (!Thread.currentThread().isInterrupted() && !stopping) {
            ClusterWatch now = ClusterWatch.read(cluster, ip, servicePort);
            synchronized (out) {
                if (stopping) {
                    return;
                }
                for (String line : now.changesSince(last)) {
                    out.println(stamp() + line);
                }
                out.flush();
            }
            for (String n : cluster.names()) {
                if (now.running().contains(n)) {
                    lostAt.remove(n);
                } else {
                    lostAt.putIfAbsent(n, System.nanoTime());
                }
            }
            if (rebootAfterSeconds > 0) {
                for (Map.Entry<String, Long> e : List.copyOf(lostAt.entrySet())) {
                    if (System.nanoTime() - e.getValue() >= (long) (rebootAfterSeconds * 1e9)) {
                        out.println(stamp() + e.getKey() + ": starting it again (as after a reboot)");
                        out.flush();
                        cluster.reboot(e.getKey());
                        printNode(cluster, e.getKey(), out);
                        lostAt.remove(e.getKey());
                    }
                }
            }
            last = now;
            Thread.sleep(100);
        }
    }

    private String awaitService(int servicePort) throws InterruptedException {
        long deadline = System.nanoTime() + SERVICE_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            String answer = HttpProbe.get(ip, servicePort, 300);
            if (answer != null && !answer.isEmpty()) {
                return answer;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the service did not answer on " + ip + ":" + servicePort + " within "
                + SERVICE_TIMEOUT.toSeconds() + "s");
    }

    private Integer freeServicePort() {
        for (int p = port; p < port + 20; p++) {
            try (ServerSocket s = new ServerSocket()) {
                // As the service binds it: connections of an earlier run in TIME_WAIT do not count.
                s.setReuseAddress(true);
                s.bind(new InetSocketAddress(ip, p));
                return p;
            } catch (java.io.IOException e) {
                // taken: try the next one
            }
        }
        return null;
    }

    private static void printNode(LocalCluster cluster, String name, PrintWriter out) {
        DaemonNode n = cluster.node(name);
        out.println("node " + name + " pid " + n.pid() + " socket " + n.socket());
        out.flush();
    }

    private static String launcher() {
        String home = System.getenv("VIGIL_HOME");
        return home == null ? "vigil" : Path.of(home, "bin", "vigil").toString();
    }

    private static String stamp() {
        return "[" + LocalTime.now().format(TIME) + "] ";
    }
}
