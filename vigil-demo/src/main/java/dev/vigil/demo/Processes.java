package dev.vigil.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Questions about processes that are not our children (agents' daemons, other nodes' daemons). */
public final class Processes {
    private Processes() {
    }

    /**
     * Whether {@code pid} is a running process. A killed process that its parent has not reaped
     * yet (a zombie) does not count: it runs nothing and holds no socket, though
     * {@code ProcessHandle.isAlive} and {@code kill -0} still see it.
     */
    public static boolean isRunning(long pid) {
        if (pid <= 0) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int close = stat.lastIndexOf(')');
            char state = close >= 0 && close + 2 < stat.length() ? stat.charAt(close + 2) : '?';
            return state != 'Z' && state != 'X';
        } catch (IOException e) {
            return false;
        }
    }
}
