package dev.vigil.scheduler;

/**
 * Pacemaker's feature set versions ({@code crm_feature_set}, like {@code 3.0.13}), recorded on
 * the CIB and on each operation result. Some records are read differently depending on the
 * version that wrote them.
 */
final class FeatureSet {
    private FeatureSet() {
    }

    /** Is {@code version} older than {@code threshold}? A missing version is older than any. */
    static boolean olderThan(String version, String threshold) {
        if (version == null || version.isBlank()) {
            return true;
        }
        String[] x = version.trim().split("\\.");
        String[] y = threshold.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long xi = i < x.length ? number(x[i]) : 0;
            long yi = i < y.length ? number(y[i]) : 0;
            if (xi != yi) {
                return xi < yi;
            }
        }
        return false;
    }

    private static long number(String part) {
        try {
            return Long.parseLong(part.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
