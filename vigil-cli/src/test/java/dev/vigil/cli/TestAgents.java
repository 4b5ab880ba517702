package dev.vigil.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A private agent installation for CLI tests: an OCF root with heartbeat IPaddr2 (ip required)
 * and apache, and an init.d with zabbix-server. The CLI is pointed at it with the system
 * properties vigil.ocf.root and vigil.lsb.dir, so tests never depend on what the machine has.
 */
public final class TestAgents {
    private TestAgents() {
    }

    public static void install(Path dir) throws IOException {
        Path heartbeat = Files.createDirectories(dir.resolve("ocf/resource.d/heartbeat"));
        agent(heartbeat.resolve("IPaddr2"), """
                <parameter name="ip" required="1" unique="1"><shortdesc lang="en">IPv4 or IPv6 address</shortdesc>
                <content type="string"/></parameter>
                <parameter name="cidr_netmask"><shortdesc lang="en">netmask</shortdesc><content type="integer"/></parameter>
                <parameter name="nic"><shortdesc lang="en">interface</shortdesc><content type="string"/></parameter>
                """);
        agent(heartbeat.resolve("apache"), """
                <parameter name="configfile"><shortdesc lang="en">configuration file</shortdesc>
                <content type="string" default="/etc/apache2/apache2.conf"/></parameter>
                <parameter name="statusurl"><content type="string"/></parameter>
                """);
        Path initd = Files.createDirectories(dir.resolve("init.d"));
        Path zabbix = initd.resolve("zabbix-server");
        Files.writeString(zabbix, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(zabbix, PosixFilePermissions.fromString("rwxr-xr-x"));
        System.setProperty("vigil.ocf.root", dir.resolve("ocf").toString());
        System.setProperty("vigil.lsb.dir", initd.toString());
        System.setProperty("vigil.shadow.dir", dir.resolve("shadow").toString());
    }

    public static void uninstall() {
        System.clearProperty("vigil.ocf.root");
        System.clearProperty("vigil.lsb.dir");
        System.clearProperty("vigil.shadow.dir");
    }

    private static void agent(Path file, String parameters) throws IOException {
        String name = file.getFileName().toString();
        Files.writeString(file, "#!/bin/sh\ncase \"$1\" in\nmeta-data) cat <<'EOF'\n<?xml version=\"1.0\"?>\n"
                + "<resource-agent name=\"" + name + "\" version=\"1.0\">\n<version>1.0</version>\n"
                + "<shortdesc lang=\"en\">test " + name + "</shortdesc>\n<parameters>\n" + parameters + "</parameters>\n"
                + "<actions>\n<action name=\"start\" timeout=\"20s\"/>\n<action name=\"stop\" timeout=\"20s\"/>\n"
                + "<action name=\"monitor\" interval=\"10s\" timeout=\"20s\"/>\n<action name=\"meta-data\" timeout=\"5s\"/>\n"
                + "</actions>\n</resource-agent>\nEOF\n;;\n*) exit 0;;\nesac\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
