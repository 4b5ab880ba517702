package dev.vigil.controller.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code op-digest} recorded with a result, so that the scheduler can tell later whether the
 * resource's definition changed since the operation ran. It must be computed exactly as the
 * scheduler computes it: the MD5 of {@code " <parameters a="1" b="2"/>\n"} over the graph
 * action's parameters without {@code CRM_meta_*} (sorted, values XML-escaped), plus
 * {@code CRM_meta_timeout} for recurring operations.
 */
final class OpDigest {
    private OpDigest() {
    }

    static String of(Map<String, String> graphParams, long intervalMs) {
        Map<String, String> digested = new TreeMap<>();
        for (Map.Entry<String, String> e : graphParams.entrySet()) {
            String name = e.getKey();
            if (name.startsWith("CRM_meta_") || name.equals("crm_feature_set") || e.getValue() == null) {
                continue;
            }
            digested.put(name, e.getValue());
        }
        if (intervalMs > 0 && graphParams.containsKey("CRM_meta_timeout")) {
            digested.put("CRM_meta_timeout", graphParams.get("CRM_meta_timeout"));
        }
        StringBuilder text = new StringBuilder(" <parameters");
        for (Map.Entry<String, String> e : digested.entrySet()) {
            text.append(' ').append(e.getKey()).append("=\"").append(escape(e.getValue())).append('"');
        }
        text.append("/>\n");
        return md5(text.toString());
    }

    private static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String md5(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder(32);
            for (byte b : hash) {
                hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always provides MD5", e);
        }
    }
}
