package dev.vigil.controller.status;

/**
 * Pacemaker's transition key, {@code action:transition:target-rc:dc-uuid}: which action of which
 * transition, run by which DC, asked for an operation and what answer it expected. It travels
 * with the request and comes back in the recorded result ({@code transition-key}, and
 * {@code transition-magic} = {@code op-status:rc;key}).
 */
public record TransitionKey(int actionId, int transitionId, int targetRc, String dcUuid) {
    public TransitionKey {
        if (dcUuid == null || dcUuid.isBlank() || dcUuid.contains(":")) {
            throw new IllegalArgumentException("bad DC uuid in transition key: '" + dcUuid + "'");
        }
    }

    /** The key parsed from its text, or null when the text is missing or malformed. */
    public static TransitionKey parse(String text) {
        if (text == null) {
            return null;
        }
        String[] parts = text.split(":", 4);
        if (parts.length != 4) {
            return null;
        }
        try {
            return new TransitionKey(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]),
                    Integer.parseInt(parts[2]), parts[3]);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** {@code status:rc;key} for a recorded result. */
    public String magic(int opStatus, int rc) {
        return opStatus + ":" + rc + ";" + this;
    }

    @Override
    public String toString() {
        return actionId + ":" + transitionId + ":" + targetRc + ":" + dcUuid;
    }
}
