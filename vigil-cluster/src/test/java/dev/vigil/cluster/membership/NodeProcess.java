package dev.vigil.cluster.membership;

import dev.vigil.cluster.config.ClusterConfig;
import dev.vigil.cluster.config.ConfigParser;
import dev.vigil.cluster.key.AuthKey;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * One node in its own JVM, for tests that kill -9 or SIGSTOP a member: {@code NodeProcess
 * CONFIG NODE KEYFILE}. Prints {@code READY} once started and each view as {@code VIEW ...};
 * leaves when its standard input closes (so it never outlives the test that started it).
 */
public final class NodeProcess {
    private NodeProcess() {
    }

    public static void main(String[] args) throws Exception {
        ClusterConfig config = ConfigParser.parse(Path.of(args[0]));
        AuthKey key = AuthKey.load(Path.of(args[2]));
        MembershipListener printer = new MembershipListener() {
            @Override
            public void onView(View view) {
                System.out.println("VIEW " + view.describe());
                System.out.flush();
            }

            @Override
            public void onMessage(String fromNode, byte[] payload) {
            }
        };
        try (Membership m = JGroupsMembership.builder(config, args[1], key).listener(printer).build()) {
            m.start();
            System.out.println("READY");
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            while (in.readLine() != null) {
                // wait for the parent to close stdin (or to kill us)
            }
        }
    }
}
