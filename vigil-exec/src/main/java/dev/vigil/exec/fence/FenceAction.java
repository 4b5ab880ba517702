package dev.vigil.exec.fence;

import java.util.Locale;

/** What fencing asks of a node. */
public enum FenceAction {
    REBOOT("reboot"),
    OFF("off"),
    ON("on");

    private final String word;

    FenceAction(String word) {
        this.word = word;
    }

    /** The action's name in the fence-agents protocol and in {@code pcmk_<name>_action}. */
    public String word() {
        return word;
    }

    /** Parses {@code reboot}, {@code off} or {@code on} (Pacemaker's old {@code poweroff} is off). */
    public static FenceAction parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "reboot" -> REBOOT;
            case "off", "poweroff" -> OFF;
            case "on" -> ON;
            default -> throw new IllegalArgumentException("unknown fence action '" + text + "' (expected reboot, off or on)");
        };
    }
}
